using System.ComponentModel.DataAnnotations;

namespace SmsContacts.Web.Domain;

/// <summary>
/// The settings of one import, as step 2 of the wizard (Import Settings) edits them, the import's record stores them
/// (<see cref="ImportRecord.Settings"/>, one column each, named as the property) and the import job and the bulk writers
/// read them, whole. The upload fills in how to read the file (what it detected); the person importing confirms or changes
/// it and chooses the rest. Adding a setting: a property here (with its label), its line on Settings.cshtml, a rule in
/// the form's validator if some values are refused, a migration for its column, and the SQL or code that acts on it.
/// </summary>
public record ImportSettings
{
    [Display(Name = "Import action")]
    public ImportAction Action { get; set; } = ImportAction.AddOrUpdate;

    /// <summary>The list the file subscribes to or updates; none for Opt-out contacts (an opt-out covers the sender code).</summary>
    [Display(Name = "List")]
    public int? ListId { get; set; }

    [Display(Name = "If the contact already exists on the list")]
    public FieldUpdateMode FieldUpdateMode { get; set; } = FieldUpdateMode.Update;

    /// <summary>Add/Update contacts: the list's welcome message goes to each new subscription.</summary>
    [Display(Name = "Enter subscribers into all List Subscription journeys associated with this list")]
    public bool EnterJourneys { get; set; }

    /// <summary>New subscriptions are Pending and asked to reply Y, instead of Active.</summary>
    [Display(Name = "Store contact with double opt-in status")]
    public bool StoreAsDoubleOptIn { get; set; }

    /// <summary>Contacts already on the list take the file's opt-in status (Pending or Active) too.</summary>
    [Display(Name = "Override contact's current opt-in status")]
    public bool OverrideOptInStatus { get; set; }

    [Display(Name = "Shopping cart abandonment: the contacts consented to receive cart abandonment reminders")]
    public bool CartAbandonmentConsent { get; set; }

    /// <summary>Contacts already on the list take the file's marketing and cart abandonment consent too.</summary>
    [Display(Name = "Override contact's current marketing consent")]
    public bool OverrideMarketingConsent { get; set; }

    /// <summary>
    /// Where consent for the whole file came from, as the importer wrote it ("signed paper forms, spring fair"); shown
    /// beside the file name in consent histories and receipts. Kept as <see cref="ConsentNotes.Normalize"/> makes it.
    /// </summary>
    [Display(Name = "Consent note (where consent for this file came from)")]
    public string? ConsentNote { get; set; }

    /// <summary>The file's encoding, by the names the import reads (Features/Import/ImportEncodings: "utf-8", "windows-1252"...).</summary>
    [Display(Name = "Encoding")]
    public string Encoding { get; set; } = "utf-8";

    /// <summary>The character between cells, by name (<see cref="DelimiterNames"/>: "comma", "tab"...); stored as the character itself.</summary>
    [Display(Name = "Delimiter")]
    public string Delimiter { get; set; } = DelimiterNames.Comma;

    /// <summary>The quote around a cell that holds the delimiter or a line break; None reads quotes as text.</summary>
    [Display(Name = "Text qualifier")]
    public TextQualifier TextQualifier { get; set; } = TextQualifier.DoubleQuotes;

    [Display(Name = "First line of file contains column names")]
    public bool FirstLineHasColumnNames { get; set; } = true;

    /// <summary>How the file writes dates that are not year-month-day (birthdays, date custom fields).</summary>
    [Display(Name = "Dates in the file")]
    public DateOrder DateOrder { get; set; } = DateOrder.YearMonthDay;

    /// <summary>
    /// The settings as an import keeps them: those that do not apply to the action are dropped, whatever was sent. An
    /// opt-out changes consent only (no list, no field update, no opt-in boxes), and only Add/Update makes new
    /// subscriptions that journeys start for. The consent note is kept as one tidy line.
    /// </summary>
    public ImportSettings Kept()
    {
        var optOut = Action == ImportAction.OptOut;
        return new ImportSettings(this)
        {
            ListId = optOut ? null : ListId,
            FieldUpdateMode = optOut ? FieldUpdateMode.Update : FieldUpdateMode,
            EnterJourneys = Action == ImportAction.AddOrUpdate && EnterJourneys,
            StoreAsDoubleOptIn = !optOut && StoreAsDoubleOptIn,
            OverrideOptInStatus = !optOut && OverrideOptInStatus,
            CartAbandonmentConsent = !optOut && CartAbandonmentConsent,
            OverrideMarketingConsent = !optOut && OverrideMarketingConsent,
            ConsentNote = ConsentNotes.Normalize(ConsentNote),
        };
    }

    /// <summary>The status a subscription gets from this import (and keeps or takes with the override box).</summary>
    public SubscriptionStatus SubscriptionStatus => StoreAsDoubleOptIn ? SubscriptionStatus.Pending : SubscriptionStatus.Active;
}

public enum ImportAction
{
    [Display(Name = "Add/Update contacts")]
    AddOrUpdate = 0,

    [Display(Name = "Update existing contacts")]
    UpdateExisting = 1,

    [Display(Name = "Opt-out contacts")]
    OptOut = 2,
}

public enum FieldUpdateMode
{
    /// <summary>Change the fields whose cell in the file is not empty.</summary>
    [Display(Name = "Update fields")]
    Update = 0,

    /// <summary>Fill only the fields that are empty on the contact.</summary>
    [Display(Name = "Append new fields")]
    Append = 1,

    /// <summary>Replace every mapped field; an empty cell clears it.</summary>
    [Display(Name = "Overwrite fields")]
    Overwrite = 2,
}

public enum TextQualifier
{
    None = 0,

    [Display(Name = "Double Quotes")]
    DoubleQuotes = 1,

    [Display(Name = "Single Quotes")]
    SingleQuotes = 2,
}

/// <summary>
/// The delimiters an import reads, by the names the settings use (a tab does not survive a round trip through an HTML
/// attribute well); the import's record stores the character.
/// </summary>
public static class DelimiterNames
{
    public const string Comma = "comma";
    public const string Semicolon = "semicolon";
    public const string Tab = "tab";
    public const string Pipe = "pipe";

    public static readonly IReadOnlyList<(string Name, string Label)> All =
    [
        (Comma, "Comma (,)"),
        (Semicolon, "Semicolon (;)"),
        (Tab, "Tab"),
        (Pipe, "Pipe (|)"),
    ];

    public static string Of(char delimiter) => delimiter switch
    {
        ';' => Semicolon,
        '\t' => Tab,
        '|' => Pipe,
        _ => Comma,
    };

    public static char Parse(string name) => name switch
    {
        Semicolon => ';',
        Tab => '\t',
        Pipe => '|',
        _ => ',',
    };

    public static bool IsKnown(string? name) => All.Any(d => d.Name == name);

    /// <summary>"semicolon (;)", as a sentence names the delimiter.</summary>
    public static string Label(char delimiter)
    {
        var name = Of(delimiter);
        var label = All.First(d => d.Name == name).Label;
        return char.ToLowerInvariant(label[0]) + label[1..];
    }
}
