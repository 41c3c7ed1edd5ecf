package dev.postmaster.work.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import java.time.Instant;

/**
 * A comment on a task, project or appointment: who wrote it, when, and what, without the text they quoted. A
 * reply by mail to a notification becomes one, so the conversation stays with the record it is about.
 */
@Entity
@Table(name = "record_comment", indexes = @Index(name = "record_comment_record", columnList = "record_kind, record_id"))
@NamedQuery(name = Comment.ABOUT, query = "select c from Comment c where c.recordKind = :kind and c.recordId = :id"
        + " order by c.createdAt, c.id")
public class Comment {

    public static final String ABOUT = "Comment.about";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "record_comment_ids")
    @TableGenerator(name = "record_comment_ids", table = "id_generator", pkColumnValue = "record_comment",
            allocationSize = 20)
    private Long id;

    @Convert(converter = RecordKind.ByKey.class)
    @Column(name = "record_kind", nullable = false, length = 20)
    private RecordKind recordKind;

    @Column(name = "record_id", nullable = false)
    private long recordId;

    /** The user name of whoever wrote it. */
    @Column(nullable = false, length = 100)
    private String author;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Lob
    @Column(nullable = false)
    private String body;

    /** Where it came from: "mail" for a reply read from the incoming mailbox. */
    @Column(nullable = false, length = 20)
    private String origin;

    protected Comment() {
        // for JPA
    }

    public Comment(RecordKind recordKind, long recordId, String author, Instant createdAt, String body,
            String origin) {
        this.recordKind = recordKind;
        this.recordId = recordId;
        this.author = author;
        this.createdAt = createdAt;
        this.body = body;
        this.origin = origin;
    }

    public Long getId() {
        return id;
    }

    public RecordKind getRecordKind() {
        return recordKind;
    }

    public long getRecordId() {
        return recordId;
    }

    public String getAuthor() {
        return author;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getBody() {
        return body;
    }

    public String getOrigin() {
        return origin;
    }
}
