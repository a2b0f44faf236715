package io.voipconfig.portal.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A phonebook a device may read, at its position (1–5) in the phone's list. */
@Embeddable
public class PhonebookLink {

    @Column(name = "phonebook_id")
    public long phonebookId;

    @JdbcTypeCode(SqlTypes.SMALLINT)
    public int position;

    public PhonebookLink() {
    }

    public PhonebookLink(long phonebookId, int position) {
        this.phonebookId = phonebookId;
        this.position = position;
    }

    public long phonebookId() {
        return phonebookId;
    }
}
