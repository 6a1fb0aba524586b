using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>An import the job cannot finish, with the reason the status page shows.</summary>
public sealed class ImportFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Turns an import's saved settings and column mapping into its <see cref="ImportPlan"/>, as things are now.</summary>
public static class ImportPlanner
{
    /// <summary>The field key chosen for each column of the file ("phone", "email", "custom:12", "" for Do not import).</summary>
    public static string[] ReadMapping(ImportRecord import) =>
        JsonSerializer.Deserialize<string[]>(import.ColumnMapping) ?? [];

    public static string WriteMapping(IEnumerable<string> keys) => JsonSerializer.Serialize(keys.ToArray());

    /// <summary>
    /// The plan of <paramref name="import"/>, from its checkpoint on. Throws <see cref="ImportFailedException"/> when it
    /// cannot run now: its settings were never saved, no column is the phone number, or its list is gone.
    /// </summary>
    /// <param name="path">The import's file.</param>
    /// <param name="today">The day (UTC) the run begins.</param>
    public static async Task<ImportPlan> LoadAsync(AppDbContext db, ImportRecord import, string path, DateOnly today, CancellationToken ct)
    {
        if (ImportWizard.MissingStep(import) is { } missing)
        {
            throw new ImportFailedException($"This import was started without its Import Settings. {missing}");
        }

        var settings = import.Settings;
        var senderCode = await db.SenderCodes.Where(s => s.Id == import.SenderCodeId).Select(s => new { s.CountryCode, s.Name }).SingleAsync(ct);
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
        if (settings.Action != ImportAction.OptOut)
        {
            if (settings.ListId is null)
            {
                throw new ImportFailedException("No list was chosen for this import.");
            }

            var found = await db.Lists.AsNoTracking().SingleOrDefaultAsync(l => l.Id == settings.ListId && l.SenderCodeId == import.SenderCodeId, ct)
                ?? throw new ImportFailedException($"The list \"{import.ListName}\" no longer exists.");
            list = new ImportList(
                found.Id,
                found.Name,
                settings.EnterJourneys && !string.IsNullOrWhiteSpace(found.WelcomeMessage) ? found.WelcomeMessage : null,
                ConsentTexts.ConfirmationRequest(senderCode.Name, found.Name));
        }

        return new ImportPlan(import.Id, import.SenderCodeId, settings, list, senderCode.CountryCode, phoneColumn, columns, mapping.Length, import.UserId, import.UserName)
        {
            Path = path,
            AfterRow = import.CheckpointRow,
            Today = today,
        };
    }
}
