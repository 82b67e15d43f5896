package org.libertymail.ejb.service;

import java.util.Map;

/**
 * A public folder as the REST API shows it.
 *
 * @param name its name below "Public Folders/", levels separated by "/" (UTF-8)
 * @param permissions rights by grantee (a mailbox address, "@" and a domain, or "anyone")
 */
public record PublicFolderView(String name, long messages, long bytes, Map<String, String> permissions) {
}
