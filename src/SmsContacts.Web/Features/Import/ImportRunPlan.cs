using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>An import the job cannot finish, with the reason the status page shows.</summary>
public sealed class ImportFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The import's settings and column mapping, turned into what the reader and the bulk writer need.</summary>
public sealed record ImportRunPlan(ImportPlan Write, int PhoneColumn, IReadOnlyList<MappedColumn> Columns, string Region)
{
    public static string[] ReadMapping(ImportRecord import) =>
        JsonSerializer.Deserialize<string[]>(import.ColumnMapping) ?? [];

    public static string WriteMapping(IEnumerable<string> keys) => JsonSerializer.Serialize(keys.ToArray());

    public static async Task<ImportRunPlan> LoadAsync(AppDbContext db, ImportRecord import, CancellationToken ct)
    {
        if (ImportWizard.MissingStep(import) is { } missing)
        {
            throw new ImportFailedException($"This import was started without its Import Settings. {missing}");
        }

        var senderCode = await db.SenderCodes.Where(s => s.Id == import.SenderCodeId).Select(s => new { s.CountryCode, s.Name }).SingleAsync(ct);
        var region = senderCode.CountryCode;
        var fields = await ImportFields.ForSenderCodeAsync(db, import.SenderCodeId, ct);
        var mapping = ReadMapping(import);
        var phoneColumn = Array.IndexOf(mapping, ImportFields.PhoneKey);
        if (phoneColumn < 0)
        {
            throw new ImportFailedException("No column is mapped to the phone number.");
        }

        // A custom field deleted after the layout was saved is skipped like a column set to "Do not import".
        var columns = mapping
            .Select((key, index) => (Field: fields.Find(key), Index: index))
            .Where(x => x.Field is { IsPhone: false })
            .Select(x => new MappedColumn(x.Index, x.Field!.ToTarget()))
            .ToList();

        ImportList? list = null;
        if (import.Action != ImportAction.OptOut)
        {
            if (import.ListId is null)
            {
                throw new ImportFailedException("No list was chosen for this import.");
            }

            var found = await db.Lists.AsNoTracking().SingleOrDefaultAsync(l => l.Id == import.ListId && l.SenderCodeId == import.SenderCodeId, ct)
                ?? throw new ImportFailedException($"The list \"{import.ListName}\" no longer exists.");
            list = new ImportList(
                found.Id,
                found.Name,
                import.EnterJourneys && !string.IsNullOrWhiteSpace(found.WelcomeMessage) ? found.WelcomeMessage : null,
                ConsentTexts.ConfirmationRequest(senderCode.Name, found.Name));
        }

        var write = new ImportPlan(
            import.Id,
            import.SenderCodeId,
            import.Action,
            import.FieldUpdateMode,
            list,
            import.StoreAsDoubleOptIn,
            import.OverrideOptInStatus,
            import.CartAbandonmentConsent,
            import.OverrideMarketingConsent,
            columns.Select(c => c.Target).ToList(),
            import.UserId,
            import.UserName);
        return new ImportRunPlan(write, phoneColumn, columns, region);
    }
}
