package org.libertymail.adapter.api;

/** How STORE combines the given flags with a message's current ones. */
public enum FlagOperation {
    REPLACE, ADD, REMOVE
}
