package dev.postmaster.work.entity;

import dev.postmaster.validation.SingleLine;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
import java.util.Set;

/** A project: a name and its members (user names). */
@Entity
@Table(name = "project")
public class Project {

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "project_ids")
    @TableGenerator(name = "project_ids", table = "id_generator", pkColumnValue = "project", allocationSize = 20)
    private Long id;

    @NotBlank(message = "Enter a name")
    @SingleLine
    @Size(max = 200, message = "Use at most 200 characters")
    @Column(nullable = false, length = 200)
    private String name;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "project_member", joinColumns = @JoinColumn(name = "project_id"))
    @Column(name = "username", length = 100)
    private Set<String> members = new LinkedHashSet<>();

    @Column(name = "created_by", nullable = false, length = 100)
    private String createdBy;

    @Version
    private long version;

    protected Project() {
        // for JPA
    }

    public Project(String name, String createdBy) {
        this.name = name;
        this.createdBy = createdBy;
    }

    /** @return whether {@code username} was not a member before */
    public boolean addMember(String username) {
        return members.add(username);
    }

    public void rename(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Set<String> getMembers() {
        return Set.copyOf(members);
    }

    public String getCreatedBy() {
        return createdBy;
    }
}
