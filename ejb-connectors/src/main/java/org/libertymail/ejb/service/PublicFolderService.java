package org.libertymail.ejb.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.libertymail.adapter.api.FolderChange;
import org.libertymail.adapter.api.FolderInfo;
import org.libertymail.adapter.api.FolderNames;
import org.libertymail.adapter.api.ModifiedUtf7;
import org.libertymail.adapter.api.PublicFolders;
import org.libertymail.adapter.api.Rights;
import org.libertymail.ejb.store.Folder;

/**
 * Public folders: administrators create them and grant rights (V7's FOLDER_ACL); accounts see
 * those they may look up under "Public Folders/". The folders themselves belong to the public
 * store's owner ({@link PublicFolders#OWNER}), so messages, UIDs, flags and changes work as in
 * any mailbox. An account's rights are the union of the grants to its address, to "@" and its
 * domain, and to "anyone".
 */
@Stateless
public class PublicFolderService {
    public static final String ANYONE = "anyone";
    private static final String GRANTS = "SELECT f.NAME, a.RIGHTS FROM MAILBOX b JOIN MAIL_FOLDER f ON f.MAILBOX_ID = b.ID "
            + "JOIN FOLDER_ACL a ON a.FOLDER_ID = f.ID WHERE b.ADDRESS = '" + PublicFolders.OWNER + "' "
            + "AND a.GRANTEE IN (?, ?, '" + ANYONE + "')";

    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    @EJB
    FolderService folders;

    /**
     * The store's folder behind a client's name with the account's rights; null when there is
     * no such folder for the account (a public folder it may not look up is none).
     */
    public FolderRef resolve(String account, String name) {
        if (!PublicFolders.isPublic(name)) {
            return FolderRef.own(account, name);
        }
        if (name.equals(PublicFolders.ROOT)) {
            return null;
        }
        String storeName = PublicFolders.storeName(name);
        String rights = "";
        for (Object[] row : grants(account, " AND f.NAME = ?", storeName)) {
            rights = Rights.union(rights, (String) row[1]);
        }
        return Rights.has(rights, 'l') ? new FolderRef(PublicFolders.OWNER, storeName, rights) : null;
    }

    /**
     * The public folders the account may look up, under their client names, after the root;
     * levels above them that it may not look up are listed as \Noselect, so every listed
     * folder's superiors are listed too.
     */
    public List<FolderInfo> visible(String account) {
        Map<String, String> rights = new TreeMap<>();
        for (Object[] row : grants(account, "", null)) {
            rights.merge((String) row[0], (String) row[1], Rights::union);
        }
        Map<String, FolderInfo> out = new TreeMap<>();
        rights.forEach((name, r) -> {
            if (Rights.has(r, 'l')) {
                out.put(name, new FolderInfo(PublicFolders.clientName(name)));
                for (int cut = name.lastIndexOf('/'); cut > 0; cut = name.lastIndexOf('/', cut - 1)) {
                    String superior = name.substring(0, cut);
                    out.putIfAbsent(superior, new FolderInfo(PublicFolders.clientName(superior), null, false));
                }
            }
        });
        if (out.isEmpty()) {
            return List.of();
        }
        List<FolderInfo> list = new ArrayList<>();
        list.add(new FolderInfo(PublicFolders.ROOT, null, false));
        list.addAll(out.values()); // a superior is met before the folders below it, so a visible one is never replaced
        return list;
    }

    public List<PublicFolderView> list() {
        List<PublicFolderView> out = new ArrayList<>();
        for (Folder f : em.createNamedQuery(Folder.OF_MAILBOX, Folder.class).setParameter(1, PublicFolders.OWNER)
                .getResultList()) {
            out.add(view(f));
        }
        return out;
    }

    public PublicFolderView get(String name) {
        return view(existing(name));
    }

    /**
     * Creates the folder and any missing superiors (on which no one has rights), and grants
     * {@link #setPermissions permissions} on the folder, in one transaction.
     */
    public PublicFolderView create(String name, Map<String, String> permissions) {
        String storeName = storeName(name);
        FolderChange change = folders.create(PublicFolders.OWNER, storeName);
        if (change == FolderChange.EXISTS) {
            throw ServiceException.conflict("Public folder " + name + " already exists");
        }
        return setPermissions(name, permissions == null ? Map.of() : permissions);
    }

    /** Deletes a folder without folders below it, with its messages and grants. */
    public void delete(String name) {
        FolderChange change = folders.delete(PublicFolders.OWNER, existing(name).getName());
        if (change == FolderChange.HAS_CHILDREN) {
            throw ServiceException.conflict("Public folder " + name + " has folders below it; delete them first");
        }
    }

    /**
     * Sets the rights of each grantee named, replacing what it had; a null or empty value takes
     * them away. One transaction: an invalid entry changes nothing.
     */
    public PublicFolderView setPermissions(String name, Map<String, String> permissions) {
        Folder folder = existing(name);
        for (Map.Entry<String, String> e : permissions.entrySet()) {
            String letters;
            try {
                letters = e.getValue() == null ? "" : Rights.parse(e.getValue());
            } catch (IllegalArgumentException ex) {
                throw ServiceException.invalidField("permissions", e.getKey() + ": " + ex.getMessage());
            }
            String who = letters.isEmpty() ? e.getKey().strip().toLowerCase(Locale.ROOT) : grantee(e.getKey());
            em.createNativeQuery("DELETE FROM FOLDER_ACL WHERE FOLDER_ID = ? AND GRANTEE = ?").setParameter(1, folder.getId())
                    .setParameter(2, who).executeUpdate();
            if (!letters.isEmpty()) {
                em.createNativeQuery("INSERT INTO FOLDER_ACL (FOLDER_ID, GRANTEE, RIGHTS) VALUES (?, ?, ?)")
                        .setParameter(1, folder.getId()).setParameter(2, who).setParameter(3, letters).executeUpdate();
            }
        }
        return view(folder);
    }

    /**
     * Removes every grant naming a mailbox or domain that is being deleted, so that one created
     * later under that name does not inherit them.
     */
    static void forget(EntityManager em, String grantee) {
        em.createNativeQuery("DELETE FROM FOLDER_ACL WHERE GRANTEE = ?").setParameter(1, grantee).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> grants(String account, String condition, String storeName) {
        var query = em.createNativeQuery(GRANTS + condition).setParameter(1, account)
                .setParameter(2, "@" + Addresses.domainOf(account));
        if (storeName != null) {
            query.setParameter(3, storeName);
        }
        return query.getResultList();
    }

    /** A grantee as stored: an existing mailbox's address, "@" and an existing domain, or "anyone". */
    private String grantee(String grantee) {
        String g = grantee == null ? "" : grantee.strip().toLowerCase(Locale.ROOT);
        if (g.equals(ANYONE)) {
            return g;
        }
        if (g.startsWith("@")) {
            String domain = Addresses.domain(g.substring(1));
            if (domain == null || em.createNativeQuery("SELECT ID FROM MAIL_DOMAIN WHERE NAME = ?").setParameter(1, domain)
                    .getResultList().isEmpty()) {
                throw ServiceException.invalidField("permissions", "No domain " + g.substring(1));
            }
            return "@" + domain;
        }
        String address = Addresses.address(g);
        if (address == null || em.createNativeQuery("SELECT ID FROM MAILBOX WHERE ADDRESS = ?").setParameter(1, address)
                .getResultList().isEmpty()) {
            throw ServiceException.invalidField("permissions",
                    "A grantee is a mailbox's address, \"@\" and a domain, or \"anyone\"; no mailbox " + grantee);
        }
        return address;
    }

    /** The store's (modified UTF-7) name of a public folder an administrator names in UTF-8. */
    private static String storeName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.startsWith(PublicFolders.PREFIX)) {
            n = PublicFolders.storeName(n);
        }
        String encoded = ModifiedUtf7.encode(n);
        String problem = FolderNames.problem(encoded);
        if (problem != null) {
            throw ServiceException.invalidField("name", problem);
        }
        return encoded;
    }

    private Folder existing(String name) {
        Folder folder = Folders.byName(em, PublicFolders.OWNER, storeName(name));
        if (folder == null) {
            throw ServiceException.notFound("No public folder " + name);
        }
        return folder;
    }

    @SuppressWarnings("unchecked")
    private PublicFolderView view(Folder folder) {
        Map<String, String> permissions = new LinkedHashMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery(
                "SELECT GRANTEE, RIGHTS FROM FOLDER_ACL WHERE FOLDER_ID = ? ORDER BY GRANTEE")
                .setParameter(1, folder.getId()).getResultList()) {
            permissions.put((String) row[0], (String) row[1]);
        }
        String decoded = ModifiedUtf7.decode(folder.getName());
        return new PublicFolderView(decoded == null ? folder.getName() : decoded, folder.getMessageCount(),
                folder.getTotalBytes(), permissions);
    }
}
