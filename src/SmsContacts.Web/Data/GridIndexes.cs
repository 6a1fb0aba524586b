namespace SmsContacts.Web.Data;

/// <summary>
/// The indexes the three grids page through, by name: the entity configurations create them and the grid's
/// SQL names them (SQLite's INDEXED BY, SQL Server's INDEX hint), so a renamed or dropped index fails the
/// grid's tests instead of silently turning a page into a scan. Each holds the sort's columns in the sort's
/// order and ends with the phone number, so a phone search is checked on the index entry without reading
/// the row; the opted-out and other-contacts ones are partial (filtered) to their tab's few rows.
/// </summary>
public static class GridIndexes
{
    public const string SubscriptionsByPhone = "IX_Subscriptions_SenderCodeId_Phone";
    public const string SubscriptionsBySubscribeDate = "IX_Subscriptions_Grid_SubscribeDate";
    public const string ListByPhone = "IX_Subscriptions_ListId_Phone";
    public const string ListBySubscribeDate = "IX_Subscriptions_Grid_ListSubscribeDate";

    /// <summary>A contact's subscriptions (the unique one): the inner side of the email order's join, and the search's probe.</summary>
    public const string SubscriptionsByContact = "IX_Subscriptions_ContactId_ListId";

    /// <summary>Contacts in email order, the Contacts tab's email sort (joined to their subscriptions).</summary>
    public const string ContactsByEmail = "IX_Contacts_Grid_Email";

    /// <summary>A sender code's kept counts in phone-block order, counts included (Domain/SubscriptionPhoneCount).</summary>
    public const string PhoneCountsBySenderCode = "IX_SubscriptionPhoneCounts_SenderCodeId_Block";

    public const string OptedOutByDate = "IX_Contacts_Grid_OptedOutDate";
    public const string OptedOutByReason = "IX_Contacts_Grid_OptedOutReason";
    public const string OptedOutByPhone = "IX_Contacts_Grid_OptedOutPhone";
    public const string OptedOutByEmail = "IX_Contacts_Grid_OptedOutEmail";

    public const string OtherByLastMessage = "IX_Contacts_OtherContacts";
    public const string OtherByPhone = "IX_Contacts_Grid_OtherPhone";
    public const string OtherByEmail = "IX_Contacts_Grid_OtherEmail";

    /// <summary>The opted-out tab's rows, word for word as the partial indexes' filter and the grid's WHERE say it (double-quoted identifiers read the same in SQLite and SQL Server).</summary>
    public const string OptedOutFilter = "\"OptedOutUtc\" IS NOT NULL";

    /// <summary>The other-contacts tab's rows, likewise.</summary>
    public const string OtherFilter = "\"OtherReplyUtc\" IS NOT NULL AND \"OptedOutUtc\" IS NULL";
}
