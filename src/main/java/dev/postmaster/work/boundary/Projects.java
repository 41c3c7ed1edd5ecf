package dev.postmaster.work.boundary;

import dev.postmaster.validation.Rules;
import dev.postmaster.work.entity.Project;
import dev.postmaster.work.entity.WorkLimits;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Creates projects and adds members; each new member is announced. */
@Stateless
public class Projects {

    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    Event<ProjectMembersAdded> membersAdded;

    public Project create(String name, Collection<String> members, String actor) {
        List<String> people = WorkLimits.people(members, "project");
        Project project = new Project(name, actor);
        em.persist(Rules.check(validator, project));
        em.flush();
        List<String> added = people.stream().filter(project::addMember).toList();
        if (!added.isEmpty()) {
            membersAdded.fire(new ProjectMembersAdded(project.getId(), project.getName(), added, actor));
        }
        return project;
    }

    public Project addMember(long projectId, String member, String actor) {
        Project project = find(projectId).orElseThrow(() -> new IllegalArgumentException("No project " + projectId));
        if (!project.getMembers().contains(member)) {
            WorkLimits.roomForOneMore(project.getMembers().size(), "project");
        }
        addMember(project, member, actor);
        return project;
    }

    /**
     * Gives a project a new name. Nobody is told: members hear about a project when they are added to it, and a
     * rename asks nothing of them.
     */
    public Project rename(long projectId, String name) {
        Project project = find(projectId).orElseThrow(() -> new IllegalArgumentException("No project " + projectId));
        project.rename(name);
        Rules.check(validator, project);
        em.flush();
        return project;
    }

    public Optional<Project> find(long id) {
        return Optional.ofNullable(em.find(Project.class, id));
    }

    public List<Project> all() {
        return em.createQuery("select p from Project p order by p.name", Project.class).getResultList();
    }

    private void addMember(Project project, String member, String actor) {
        if (project.addMember(member)) {
            membersAdded.fire(new ProjectMembersAdded(project.getId(), project.getName(), List.of(member), actor));
        }
    }
}
