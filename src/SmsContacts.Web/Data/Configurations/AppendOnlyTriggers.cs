namespace SmsContacts.Web.Data.Configurations;

/// <summary>Database triggers (created by the initial migrations) that make ConsentEvents append-only for anyone, not just this app.</summary>
public static class AppendOnlyTriggers
{
    public const string NoUpdate = "ConsentEvents_NoUpdate";
    public const string NoDelete = "ConsentEvents_NoDelete";
}
