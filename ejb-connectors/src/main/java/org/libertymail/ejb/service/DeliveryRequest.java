package org.libertymail.ejb.service;

import java.util.List;

import org.libertymail.adapter.api.MessageContent;

/** One SMTP transaction's message on its way into the store. */
public record DeliveryRequest(String reversePath, List<String> recipients, MessageContent content) {
}
