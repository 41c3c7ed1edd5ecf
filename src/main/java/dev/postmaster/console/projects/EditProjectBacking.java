package dev.postmaster.console.projects;

import dev.postmaster.console.Messages;
import dev.postmaster.console.People;
import dev.postmaster.console.RecordIds;
import dev.postmaster.security.boundary.ActiveUser;
import dev.postmaster.work.boundary.Projects;
import dev.postmaster.work.entity.Project;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Backs {@code projects/edit.xhtml?id=N} (the address notification mails link to): creates a project with its
 * members, or renames one and adds members. Each member added is told by email through {@link Projects}. Members
 * are only added here: {@code Projects} has no way to remove one, so the page does not pretend to.
 */
@Named
@ViewScoped
public class EditProjectBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Projects projects;

    @Inject
    People people;

    @Inject
    ActiveUser activeUser;

    private String id;
    private Long projectId;
    private boolean missing;
    private String name;
    private String savedName;
    private Set<String> members = Set.of();
    private List<String> added = new ArrayList<>();
    private String createdBy;

    public void load() {
        if (id == null || id.isBlank()) {
            return;
        }
        Optional<Project> project = RecordIds.parse(id).flatMap(projects::find);
        if (project.isEmpty()) {
            missing = true;
            return;
        }
        projectId = project.get().getId();
        name = project.get().getName();
        savedName = name;
        members = project.get().getMembers();
        createdBy = project.get().getCreatedBy();
    }

    public String save() {
        try {
            Project saved;
            if (projectId == null) {
                saved = projects.create(name.strip(), added, activeUser.getUsername());
            } else {
                saved = name.strip().equals(savedName) ? projects.find(projectId).orElseThrow()
                        : projects.rename(projectId, name.strip());
                for (String member : added) {
                    saved = projects.addMember(projectId, member, activeUser.getUsername());
                }
            }
            Messages.infoAfterRedirect("Project \"" + saved.getName() + "\" saved"
                    + (added.isEmpty() ? "." : "; added " + people.labels(added) + "."));
            return "/projects/list?faces-redirect=true";
        } catch (RuntimeException e) {
            Messages.refused(e, null);
            return null;
        }
    }


    /** The users who can still be added: not yet members. */
    public List<SelectItem> getMemberChoices() {
        return people.choices(added).stream().filter(item -> !members.contains((String) item.getValue())).toList();
    }

    public boolean isExisting() {
        return projectId != null;
    }

    public boolean isMissing() {
        return missing;
    }

    public Long getProjectId() {
        return projectId;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    /** The current members, as people read them. */
    public String getMemberLabels() {
        return members.isEmpty() ? "Nobody yet" : people.labels(members);
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getAdded() {
        return added;
    }

    public void setAdded(List<String> added) {
        this.added = added == null ? new ArrayList<>() : new ArrayList<>(added);
    }
}
