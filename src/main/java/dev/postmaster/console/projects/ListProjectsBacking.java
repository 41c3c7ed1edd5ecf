package dev.postmaster.console.projects;

import dev.postmaster.work.boundary.Projects;
import dev.postmaster.work.entity.Project;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Backs {@code projects/list.xhtml}, "Work › Projects": every project and its members, for the table to sort,
 * filter and page in memory.
 */
@Named
@ViewScoped
public class ListProjectsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Projects projects;

    private List<Project> all;
    private List<Project> filtered;

    @PostConstruct
    void load() {
        all = projects.all();
    }

    public List<Project> getProjects() {
        return all;
    }

    public List<Project> getFiltered() {
        return filtered;
    }

    public void setFiltered(List<Project> filtered) {
        this.filtered = filtered;
    }
}
