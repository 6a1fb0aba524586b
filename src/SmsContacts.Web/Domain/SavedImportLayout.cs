namespace SmsContacts.Web.Domain;

/// <summary>
/// A column layout chosen on step 3 of File Import (Configure Import Layout), remembered per sender code by the file's
/// column names, so that the next file with the same header row (the same names in any order, case and spaces ignored)
/// opens step 3 with the same choices. One per sender code and header row: importing such a file again replaces it.
/// </summary>
public sealed class SavedImportLayout
{
    public int Id { get; set; }

    public int SenderCodeId { get; set; }

    /// <summary>SHA-256 (upper-case hex) of the header row's matching names, sorted: what a file is matched by.</summary>
    public string HeaderKey { get; set; } = "";

    /// <summary>JSON object: each column's matching name → the field key chosen for it ("" for Do not import).</summary>
    public string Mapping { get; set; } = "{}";

    /// <summary>JSON array: the column names as that file had them, in its order (for the admin page).</summary>
    public string ColumnNames { get; set; } = "[]";

    /// <summary>The file whose import saved this layout, as uploaded.</summary>
    public string FileName { get; set; } = "";

    public Guid ImportId { get; set; }

    /// <summary>The user who started that import (their email).</summary>
    public string SavedBy { get; set; } = "";

    /// <summary>When that import was started (UTC).</summary>
    public DateTime SavedUtc { get; set; }
}
