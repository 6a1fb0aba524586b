using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;
using SmsContacts.Web.Infrastructure.Configuration;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// Puts an import straight into the state the wizard leaves it in (file stored, settings and layout saved,
/// status Queued), for tests about what the job does rather than how the wizard asks.
/// </summary>
public static class QueuedImports
{
    public const string UserId = "import-test-user";
    public const string UserName = "importer@example.com";

    public static async Task<Guid> QueueAsync(AppFactory app, int senderCodeId, ContactList? list, string csv, string[] mapping, Action<ImportRecord>? configure = null)
    {
        var id = Guid.NewGuid();
        var storedName = $"{id:N}.upload";
        var bytes = new UTF8Encoding(false).GetBytes(csv);
        await File.WriteAllBytesAsync(Path.Combine(app.Services.GetRequiredService<DataDirectory>().Imports, storedName), bytes);
        await app.WithDbAsync(async db =>
        {
            // The job runs only for a user who may use the sender code: the importer is a real Marketer of it.
            if (!await db.Users.AnyAsync(u => u.Id == UserId))
            {
                db.Users.Add(new AppUser { Id = UserId, UserName = UserName, NormalizedUserName = UserName.ToUpperInvariant(), Email = UserName, NormalizedEmail = UserName.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString() });
            }

            if (!await db.UserSenderCodes.AnyAsync(u => u.UserId == UserId && u.SenderCodeId == senderCodeId))
            {
                db.UserSenderCodes.Add(new UserSenderCode { UserId = UserId, SenderCodeId = senderCodeId });
            }

            var import = new ImportRecord
            {
                Id = id,
                SenderCodeId = senderCodeId,
                UserId = UserId,
                UserName = UserName,
                OriginalFileName = "test.csv",
                StoredFileName = storedName,
                FileSize = bytes.Length,
                Settings = new ImportSettings
                {
                    Encoding = ImportEncodings.Utf8,
                    Delimiter = DelimiterNames.Comma,
                    Action = ImportAction.AddOrUpdate,
                    ListId = list?.Id,
                    TextQualifier = TextQualifier.DoubleQuotes,
                    FirstLineHasColumnNames = true,
                },
                ListName = list?.Name,
                ColumnMapping = ImportPlanner.WriteMapping(mapping),
                Status = ImportStatus.Queued,
                CreatedUtc = app.Clock.GetUtcNow().UtcDateTime,
                SettingsSavedUtc = app.Clock.GetUtcNow().UtcDateTime,
            };
            configure?.Invoke(import);
            if (import.Settings.Action == ImportAction.OptOut)
            {
                import.Settings.ListId = null;
                import.ListName = null;
            }

            db.Imports.Add(import);
            await db.SaveChangesAsync();
        });
        return id;
    }

    public static async Task RunAsync(AppFactory app, Guid importId, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ImportContactsJob>().RunAsync(importId, ct);
    }

    /// <summary>Runs the import's Preview job here, as Hangfire would.</summary>
    public static async Task PreviewAsync(AppFactory app, Guid importId, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ImportContactsJob>().PreviewAsync(importId, ct);
    }

    public static async Task<ImportRecord> QueueAndRunAsync(AppFactory app, int senderCodeId, ContactList? list, string csv, string[] mapping, Action<ImportRecord>? configure = null)
    {
        var id = await QueueAsync(app, senderCodeId, list, csv, mapping, configure);
        await RunAsync(app, id);
        return await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Imports, i => i.Id == id));
    }
}
