package org.libertymail.web.api;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.libertymail.ejb.service.VerificationReport;
import org.libertymail.ejb.service.VerificationService;

/**
 * Verify configuration (Exchange's Test-SmtpConnectivity, Test-PopConnectivity,
 * Test-ImapConnectivity): POST runs every check and probe now and answers the report; GET lists
 * the latest runs.
 */
@Path("verification")
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {
    @EJB
    VerificationService verification;

    @POST
    public VerificationReport run() {
        return verification.run();
    }

    @GET
    public List<VerificationReport> history(@QueryParam("limit") @DefaultValue("20") int limit) {
        Paging.check(0, limit);
        return verification.history(limit);
    }

    @GET
    @Path("latest")
    public VerificationReport latest() {
        return verification.history(1).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No verification has run yet"));
    }
}
