package org.libertymail.ejb.service;

import org.libertymail.adapter.api.AccessDeniedException;
import org.libertymail.adapter.api.PublicFolders;
import org.libertymail.adapter.api.Rights;

/**
 * A folder as the store holds it, for a name a client used: an account's own folder, or a
 * folder of the public store with the rights the account has there.
 *
 * @param owner the account whose folder it is in the store ({@link PublicFolders#OWNER} for public folders)
 * @param name the folder's name in the store
 * @param rights what the asking account may do (RFC 4314 letters)
 */
public record FolderRef(String owner, String name, String rights) {

    /** An account's own folder: no lookup needed, the owner may do everything. */
    public static FolderRef own(String account, String name) {
        return new FolderRef(account, name, Rights.OWNER);
    }

    public boolean has(char right) {
        return Rights.has(rights, right);
    }

    /**
     * @param what what the account wanted to do, for the refusal ("add messages to this folder")
     * @throws AccessDeniedException unless the account has every one of {@code needed}
     */
    public FolderRef require(String needed, String what) {
        for (char c : needed.toCharArray()) {
            if (!has(c)) {
                throw new AccessDeniedException("You may not " + what);
            }
        }
        return this;
    }
}
