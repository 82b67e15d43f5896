package org.libertymail.web.api;

import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.libertymail.ejb.service.PublicFolderService;
import org.libertymail.ejb.service.PublicFolderView;

/**
 * Public folders, shown to IMAP clients under "Public Folders/". A folder is addressed by its
 * full name, levels separated by "/" (so the name is the rest of the path); its permissions map
 * grantees (a mailbox address, "@example.com" for a whole domain, "anyone") to "read",
 * "read-write" or RFC 4314 letters. PATCH sets the grantees it names and leaves the others; a
 * null value removes a grantee.
 */
@Path("public-folders")
@Produces(MediaType.APPLICATION_JSON)
public class PublicFolderResource {
    @EJB
    PublicFolderService folders;

    /** Body of POST /public-folders. */
    public record NewPublicFolder(String name, Map<String, String> permissions) {
    }

    /** Body of PATCH /public-folders/{name}. */
    public record PublicFolderPatch(Map<String, String> permissions) {
    }

    /** {@code search} keeps the folders whose name contains it; paged as the mailboxes are. */
    @GET
    public Response list(@QueryParam("search") String search, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("1000") int limit, @Context UriInfo uri) {
        return Paging.page(folders.list().stream().filter(f -> Paging.contains(f.name(), search)).toList(), offset, limit, uri);
    }

    @GET
    @Path("{name: .+}")
    public PublicFolderView get(@PathParam("name") String name) {
        return folders.get(name);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewPublicFolder body) {
        if (body == null || body.name() == null) {
            return Problem.response(Response.Status.BAD_REQUEST,
                    "Body must be {\"name\": \"Projects\", \"permissions\": {\"@example.com\": \"read\"}}");
        }
        PublicFolderView created = folders.create(body.name(), body.permissions());
        return Response.created(UriBuilder.fromPath("public-folders").path(created.name()).build()).entity(created).build();
    }

    @PATCH
    @Path("{name: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PublicFolderView patch(@PathParam("name") String name, PublicFolderPatch body) {
        return folders.setPermissions(name, body == null || body.permissions() == null ? Map.of() : body.permissions());
    }

    @DELETE
    @Path("{name: .+}")
    public Response delete(@PathParam("name") String name) {
        folders.delete(name);
        return Response.noContent().build();
    }
}
