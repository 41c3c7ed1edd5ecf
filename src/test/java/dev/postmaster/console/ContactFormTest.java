package dev.postmaster.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postmaster.contacts.entity.Contact;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The address rows of the contact form: what is stored is what the rows say, with exactly one default. */
class ContactFormTest {

    @Test
    void aBlankFormHasOneEmptyRowThatIsTheDefaultAndStoresNoAddress() {
        ContactForm form = ContactForm.blank();

        assertEquals(1, form.getAddresses().size());
        assertTrue(form.getAddresses().get(0).isPreferred());
        assertEquals(List.of(), form.emails());
        assertNull(form.defaultEmail());
    }

    @Test
    void theRowMadeDefaultIsTheDefaultAndEmptyRowsAreLeftOut() {
        ContactForm form = ContactForm.blank();
        form.getAddresses().get(0).setValue(" first@example.test ");
        form.addAddress();
        form.addAddress();
        form.getAddresses().get(2).setValue("third@example.test");

        form.makeDefault(form.getAddresses().get(2));

        assertEquals(List.of("first@example.test", "third@example.test"), form.emails());
        assertEquals("third@example.test", form.defaultEmail());
        assertEquals(1, form.getAddresses().stream().filter(ContactForm.Address::isPreferred).count());
    }

    @Test
    void removingTheDefaultRowMakesTheFirstRemainingRowTheDefault() {
        ContactForm form = ContactForm.blank();
        form.getAddresses().get(0).setValue("first@example.test");
        form.addAddress();
        form.getAddresses().get(1).setValue("second@example.test");
        form.makeDefault(form.getAddresses().get(1));

        form.remove(form.getAddresses().get(1));

        assertEquals("first@example.test", form.defaultEmail());
        assertTrue(form.getAddresses().get(0).isPreferred());
    }

    @Test
    void anEmptyDefaultRowGivesWayToTheFirstAddress() {
        ContactForm form = ContactForm.blank();
        form.addAddress();
        form.getAddresses().get(1).setValue("second@example.test");

        assertEquals("second@example.test", form.defaultEmail(), "the default row (the first) is empty");
    }

    @Test
    void aContactIsShownWithItsAddressesAndItsDefault() {
        Contact contact = new Contact("Bob", "Baker");
        contact.addEmail("bob@old.test", true);
        contact.addEmail("bob@new.test", false);
        contact.makeDefault("bob@new.test");

        ContactForm form = ContactForm.of(contact);

        assertEquals("Bob", form.getFirstName());
        assertEquals("Baker", form.getLastName());
        assertEquals(List.of("bob@old.test", "bob@new.test"), form.emails());
        assertEquals("bob@new.test", form.defaultEmail());
        assertTrue(form.getAddresses().get(0).isVerified());
        assertTrue(form.getAddresses().get(1).isWaiting());
    }

    @Test
    void aRowShowsTheStateOfTheStoredAddressOnlyWhileItHoldsIt() {
        Contact contact = new Contact("Bob", "Baker");
        contact.addEmail("bob@old.test", true);
        ContactForm form = ContactForm.of(contact);
        ContactForm.Address row = form.getAddresses().get(0);

        row.setValue(" BOB@old.test ");
        assertEquals("bob@old.test", row.getStored(), "the same address, typed differently");
        assertTrue(row.isVerified());

        row.setValue("ceo@example.test");
        assertNull(row.getStored(), "a changed row is a new address, which is not verified");
        assertFalse(row.isVerified());
        assertFalse(row.isWaiting());
    }
}
