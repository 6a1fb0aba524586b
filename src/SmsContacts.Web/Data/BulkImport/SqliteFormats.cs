namespace SmsContacts.Web.Data.BulkImport;

/// <summary>How EF Core's SQLite provider stores values that raw SQL must match.</summary>
public static class SqliteFormats
{
    /// <summary>EF stores a Guid as upper-case text.</summary>
    public static string Guid(Guid value) => value.ToString().ToUpperInvariant();
}
