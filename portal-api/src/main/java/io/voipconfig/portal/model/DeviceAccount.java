package io.voipconfig.portal.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One SIP account of a device; the password encrypted for (MAC, index) by {@code SecretCipher}. */
@Embeddable
public class DeviceAccount {

    @Column(name = "account_index")
    @JdbcTypeCode(SqlTypes.SMALLINT)
    public int accountIndex;

    public String label;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "user_name")
    public String userName;

    @Column(name = "auth_name")
    public String authName;

    @Column(name = "password_enc")
    public String passwordEnc;

    public String server;

    public int port;

    public String transport;
}
