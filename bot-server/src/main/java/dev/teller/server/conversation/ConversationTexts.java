package dev.teller.server.conversation;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What the bot says and writes down in a conversation, from the message bundle {@code messages/conversation}
 * (English, simplified and traditional Chinese): its replies in the customer's language, the reasons of an
 * escalation in that language too, and the chat's notices and refusals, which are English for every customer today.
 * Every key is under {@code conversation.}; a key the bundle lacks is a {@code NoSuchMessageException}, not a blank.
 */
@Component
public class ConversationTexts {

    /** The bundle's base name, as {@code spring.messages.basename} lists it. */
    public static final String BUNDLE = "messages/conversation";

    private final MessageSource messages;

    public ConversationTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** The customer's language as the bundle reads it: English, or else (simplified) Chinese. */
    static Locale locale(boolean english) {
        return english ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }

    /**
     * The text of {@code conversation.<key>} in English or Chinese. With arguments it is a {@link
     * java.text.MessageFormat} pattern; pass numbers as strings, written as they should read.
     */
    public String text(boolean english, String key, Object... args) {
        return messages.getMessage("conversation." + key, args, locale(english));
    }

    /** The text of {@code conversation.<key>} in English: a notice or a refusal of the chat. */
    public String english(String key, Object... args) {
        return text(true, key, args);
    }
}
