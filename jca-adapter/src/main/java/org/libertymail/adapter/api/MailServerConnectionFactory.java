package org.libertymail.adapter.api;

/** Outbound contract: bound in JNDI (eis/mailserver), injectable with {@code @Resource}. */
public interface MailServerConnectionFactory extends java.io.Serializable, jakarta.resource.Referenceable {

    MailServerConnection getConnection();
}
