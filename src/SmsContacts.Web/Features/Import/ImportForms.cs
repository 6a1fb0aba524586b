using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// Step 2, Import Settings: the import's <see cref="ImportSettings"/>, each a field of the form named as its property, and
/// what the page shows around them. The page shows the text qualifier as a box ("File contains text qualifiers") and the
/// quote to use, where the settings hold one value (<see cref="TextQualifier.None"/> when the box is clear).
/// </summary>
public sealed record ImportSettingsForm : ImportSettings
{
    public ImportSettingsForm()
    {
    }

    private ImportSettingsForm(ImportSettings saved)
        : base(saved)
    {
        HasTextQualifier = saved.TextQualifier != TextQualifier.None;
        TextQualifier = HasTextQualifier ? saved.TextQualifier : TextQualifier.DoubleQuotes;
    }

    [Display(Name = "File contains text qualifiers")]
    public bool HasTextQualifier { get; set; } = true;

    /// <summary>The import being edited: set by the controller before the form is validated or shown, never bound or validated.</summary>
    [BindNever]
    [ValidateNever]
    public ImportRecord Import { get; set; } = null!;

    /// <summary>The sender code's lists, to choose from.</summary>
    [BindNever]
    [ValidateNever]
    public IReadOnlyList<ContactList> Lists { get; set; } = [];

    /// <summary>The form of an import's saved settings.</summary>
    public static ImportSettingsForm Of(ImportRecord import) => new(import.Settings) { Import = import };

    /// <summary>The settings the form says, as the import keeps them (<see cref="ImportSettings.Kept"/>).</summary>
    public ImportSettings ToSettings() => (this with { TextQualifier = HasTextQualifier ? TextQualifier : TextQualifier.None }).Kept();
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
                .MustAsync(async (form, listId, ct) => await db.Lists.AnyAsync(l => l.Id == listId && l.SenderCodeId == form.Import.SenderCodeId, ct))
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
    [BindNever]
    public ImportFields? Fields { get; set; }

    [BindNever]
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
