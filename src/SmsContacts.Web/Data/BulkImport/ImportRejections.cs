namespace SmsContacts.Web.Data.BulkImport;

/// <summary>Why the bulk writer itself leaves a row out: Update existing contacts skips numbers that are not a contact on the list.</summary>
public static class ImportRejectionReasons
{
    public const string NoContact = "Skipped — no contact with this number: Update existing contacts adds no one.";

    public static string NotOnList(string list) => $"Skipped — not on the list \"{list}\": Update existing contacts adds no one.";
}

/// <summary>The column sizes of ImportRejectedRows and ImportWarningRows (SQL Server enforces them; SQLite would not).</summary>
public static class ImportRejectionLimits
{
    public static string Phone(string value) => Cut(value, 100);

    public static string Reason(string value) => Cut(value, 200);

    public static string RawLine(string value) => Cut(value, 4000);

    /// <summary>The column size of ImportPreviewRows.Detail.</summary>
    public static string Detail(string value) => Cut(value, 4000);

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";
}
