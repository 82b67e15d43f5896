package org.libertymail.adapter.ra;

import java.util.List;

import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import org.libertymail.adapter.api.MailDeliveryListener;
import org.libertymail.adapter.api.MailboxAccessListener;

/** Activation of the MDBs that serve the listeners; it carries no settings of its own. */
@Activation(messageListeners = {MailDeliveryListener.class, MailboxAccessListener.class})
public class MailActivationSpec implements ActivationSpec {
    static final List<Class<?>> LISTENERS = List.of(MailDeliveryListener.class, MailboxAccessListener.class);

    private ResourceAdapter resourceAdapter;

    @Override
    public void validate() throws InvalidPropertyException {
        // Nothing to validate: the spec has no properties.
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) {
        this.resourceAdapter = ra;
    }
}
