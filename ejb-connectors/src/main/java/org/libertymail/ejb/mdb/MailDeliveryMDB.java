package org.libertymail.ejb.mdb;

import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.libertymail.adapter.api.DeliveryReceipt;
import org.libertymail.adapter.api.Envelope;
import org.libertymail.adapter.api.LoginResult;
import org.libertymail.adapter.api.MailDeliveryListener;
import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.RecipientCheck;
import org.libertymail.ejb.service.DeliveryBatcher;
import org.libertymail.ejb.service.DeliveryRequest;
import org.libertymail.ejb.service.DeliveryService;
import org.libertymail.ejb.service.MailboxService;
import org.libertymail.ejb.service.StoreCalls;

/**
 * Serves the SMTP listener. No transaction here: each service call is its own and has
 * committed when it returns, which is what lets SMTP say 250.
 */
@MessageDriven(name = "MailDeliveryMDB", messageListenerInterface = MailDeliveryListener.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailDeliveryMDB implements MailDeliveryListener {
    @EJB
    DeliveryService delivery;

    @EJB
    DeliveryBatcher batcher;

    @EJB
    MailboxService mailboxes;

    @Override
    public LoginResult authenticate(String user, String password, Protocol protocol) {
        return StoreCalls.run(() -> mailboxes.authenticate(user, password, protocol));
    }

    @Override
    public RecipientCheck checkRecipient(String address, long declaredSize) {
        return StoreCalls.run(() -> delivery.checkRecipient(address, declaredSize));
    }

    @Override
    public DeliveryReceipt deliver(Envelope envelope, MessageContent content) {
        return batcher.deliver(DeliveryRequest.of(envelope, content));
    }
}
