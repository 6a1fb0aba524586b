using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>Step 2, Import Settings: every setting of the seed's wizard, plus how to read the file.</summary>
public sealed class ImportSettingsForm
{
    /// <summary>Set by the controller from the import being edited, never bound from the form.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public int SenderCodeId { get; set; }

    [Display(Name = "Enter subscribers into all List Subscription journeys associated with this list")]
    public bool EnterJourneys { get; set; }

    [Display(Name = "Import action")]
    public ImportAction Action { get; set; } = ImportAction.AddOrUpdate;

    [Display(Name = "List")]
    public int? ListId { get; set; }

    [Display(Name = "If the contact already exists on the list")]
    public FieldUpdateMode FieldUpdateMode { get; set; } = FieldUpdateMode.Update;

    [Display(Name = "Store contact with double opt-in status")]
    public bool StoreAsDoubleOptIn { get; set; }

    [Display(Name = "Override contact's current opt-in status")]
    public bool OverrideOptInStatus { get; set; }

    [Display(Name = "Shopping cart abandonment: the contacts consented to receive cart abandonment reminders")]
    public bool CartAbandonmentConsent { get; set; }

    [Display(Name = "Override contact's current marketing consent")]
    public bool OverrideMarketingConsent { get; set; }

    [Display(Name = "File contains text qualifiers")]
    public bool HasTextQualifier { get; set; } = true;

    [Display(Name = "Text qualifier")]
    public TextQualifier TextQualifier { get; set; } = TextQualifier.DoubleQuotes;

    [Display(Name = "First line of file contains column names")]
    public bool FirstLineHasColumnNames { get; set; } = true;

    [Display(Name = "Delimiter")]
    public string Delimiter { get; set; } = DelimiterNames.Comma;

    [Display(Name = "Encoding")]
    public string Encoding { get; set; } = ImportEncodings.Utf8;

    [Display(Name = "Dates in the file")]
    public DateOrder DateOrder { get; set; } = DateOrder.YearMonthDay;

    [Display(Name = "Consent note")]
    public string? ConsentNote { get; set; }

    public static ImportSettingsForm From(ImportRecord import) => new()
    {
        SenderCodeId = import.SenderCodeId,
        EnterJourneys = import.EnterJourneys,
        Action = import.Action,
        ListId = import.ListId,
        FieldUpdateMode = import.FieldUpdateMode,
        StoreAsDoubleOptIn = import.StoreAsDoubleOptIn,
        OverrideOptInStatus = import.OverrideOptInStatus,
        CartAbandonmentConsent = import.CartAbandonmentConsent,
        OverrideMarketingConsent = import.OverrideMarketingConsent,
        HasTextQualifier = import.TextQualifier != TextQualifier.None,
        TextQualifier = import.TextQualifier == TextQualifier.None ? TextQualifier.DoubleQuotes : import.TextQualifier,
        FirstLineHasColumnNames = import.FirstLineHasColumnNames,
        Delimiter = DelimiterNames.Of(import.Delimiter),
        Encoding = import.Encoding,
        DateOrder = import.DateOrder,
        ConsentNote = import.ConsentNote,
    };

    public TextQualifier EffectiveQualifier => HasTextQualifier ? TextQualifier : TextQualifier.None;

    public ImportFileFormat Format => new(Encoding, DelimiterNames.Parse(Delimiter), EffectiveQualifier, FirstLineHasColumnNames);
}

/// <summary>Delimiters as form values: a tab does not survive a round trip through an HTML attribute well.</summary>
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

public sealed class ImportSettingsFormValidator : AbstractValidator<ImportSettingsForm>
{
    public ImportSettingsFormValidator(AppDbContext db)
    {
        RuleFor(f => f.Action).IsInEnum().WithMessage("Choose an import action.");
        RuleFor(f => f.FieldUpdateMode).IsInEnum().WithMessage("Choose how to handle the fields of existing contacts.");
        When(f => f.Action != ImportAction.OptOut, () =>
            RuleFor(f => f.ListId).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choose the list to import the contacts to.")
                .MustAsync(async (form, listId, ct) => await db.Lists.AnyAsync(l => l.Id == listId && l.SenderCodeId == form.SenderCodeId, ct))
                .WithMessage("That list is not a list of this sender code."));
        RuleFor(f => f.TextQualifier).Must(q => q is TextQualifier.DoubleQuotes or TextQualifier.SingleQuotes)
            .When(f => f.HasTextQualifier).WithMessage("Choose Single Quotes or Double Quotes.");
        RuleFor(f => f.Delimiter).Must(DelimiterNames.IsKnown).WithMessage("Choose comma, semicolon, tab or pipe.");
        RuleFor(f => f.Encoding).Must(ImportEncodings.IsKnown).WithMessage("Choose one of the encodings listed.");
        RuleFor(f => f.DateOrder).IsInEnum().WithMessage("Choose how the file writes its dates.");
        RuleFor(f => ConsentNotes.Normalize(f.ConsentNote)).MaximumLength(ConsentNotes.MaxLength).OverridePropertyName(nameof(ImportSettingsForm.ConsentNote))
            .WithMessage($"Keep the consent note to {ConsentNotes.MaxLength} characters.");
    }
}

/// <summary>
/// Step 3, Configure Import Layout: the field each column of the file goes to ("" = do not import). The page's script
/// posts the choices as one value, <see cref="Mapping"/> (a JSON array of field keys, one per column), so a file of
/// thousands of columns stays one form field; without script each dropdown posts itself as Columns[i], which the
/// server's form limits allow for files of up to about a thousand columns.
/// </summary>
public sealed class ImportLayoutForm
{
    /// <summary>
    /// Columns whose dropdowns a page without script can post one by one: the form reader takes 1,024 values (ASP.NET
    /// Core's FormOptions.ValueCountLimit), a few of which are the page's own fields.
    /// </summary>
    public const int ColumnsWithoutScript = 1_000;

    public List<string?> Columns { get; set; } = [];

    /// <summary>The choices as one JSON array of field keys; when present it is the layout, and Columns is not read.</summary>
    public string? Mapping { get; set; }

    /// <summary>The settings the page was drawn for (<see cref="ImportWizard.SettingsStamp"/>).</summary>
    public string? SettingsStamp { get; set; }

    /// <summary>The posted choice of every column, or null when <see cref="Mapping"/> is not a JSON array of texts.</summary>
    public List<string?>? ChosenColumns()
    {
        if (Mapping is null)
        {
            return Columns;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<List<string?>>(Mapping);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Set by the controller: the fields this sender code has.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public ImportFields? Fields { get; set; }

    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public int ColumnCount { get; set; }
}

public sealed class ImportLayoutFormValidator : AbstractValidator<ImportLayoutForm>
{
    public ImportLayoutFormValidator()
    {
        RuleFor(f => f.Columns).Custom((_, context) =>
        {
            var form = context.InstanceToValidate;
            var keys = form.ChosenColumns()?.Select(c => c ?? ImportFields.DoNotImport).ToList();
            if (keys is null || keys.Count != form.ColumnCount)
            {
                context.AddFailure("Choose a field (or Do not import) for every column.");
                return;
            }

            foreach (var key in keys.Where(k => k != ImportFields.DoNotImport && form.Fields?.Find(k) is null).Distinct())
            {
                context.AddFailure($"\"{key}\" is not a field of this sender code.");
            }

            var phones = keys.Count(k => k == ImportFields.PhoneKey);
            if (phones != 1)
            {
                context.AddFailure(phones == 0
                    ? "Map one column to Phone Number: every contact needs one."
                    : "Only one column can be the Phone Number.");
            }

            foreach (var twice in keys.Where(k => k is not (ImportFields.DoNotImport or ImportFields.PhoneKey)).GroupBy(k => k).Where(g => g.Count() > 1))
            {
                context.AddFailure($"{form.Fields?.Find(twice.Key)?.Label ?? twice.Key} is chosen for more than one column.");
            }
        });
    }
}
