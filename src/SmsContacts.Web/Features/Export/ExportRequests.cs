using Hangfire;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Contacts;
using SmsContacts.Web.Infrastructure.Security;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Export;

public sealed record RecipientOption(string UserId, string Label);

/// <summary>What Retry did: <see cref="Found"/> false for an export not of this sender code; <see cref="Export"/> the new one, or null with why not.</summary>
public sealed record RetryResult(bool Found, ExportRecord? Export, string Message);

public sealed class ConfigureExportModel
{
    public required SenderCodeOption SenderCode { get; init; }

    public required ExportRequestForm Form { get; init; }

    public required ExportKind Kind { get; init; }

    /// <summary>The filters in words, e.g. "List VIP, phone numbers containing 212".</summary>
    public required string Filters { get; init; }

    /// <summary>The phone search as the grid applied it (the export applies the same).</summary>
    public required PhoneSearch Search { get; init; }

    public required IReadOnlyList<RecipientOption> Recipients { get; init; }

    public required string BackUrl { get; init; }
}

/// <summary>Configure Export and Export: who can receive it, and queuing the background job.</summary>
public sealed class ExportRequests(AppDbContext db, IBackgroundJobClient jobs, TimeProvider clock, SenderCodeAccess access)
{
    public async Task<ConfigureExportModel> LoadAsync(SenderCodeOption senderCode, ExportRequestForm form, string userId, CancellationToken ct)
    {
        var kind = form.Kind ?? ExportKind.Contacts;
        if (kind == ExportKind.Contacts)
        {
            form.Reason = null;
        }
        else
        {
            form.List = null;
        }

        // A list of another sender code (or a stale link) must not leak its name or silently filter to nothing.
        var listName = form.List is { } listId
            ? await db.Lists.Where(l => l.Id == listId && l.SenderCodeId == senderCode.Id).Select(l => l.Name).FirstOrDefaultAsync(ct)
            : null;
        if (listName is null)
        {
            form.List = null;
        }

        form.RecipientUserId ??= userId;
        var recipients = await access.UsersOf(senderCode.Id).AsNoTracking()
            .OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToListAsync(ct);

        return new ConfigureExportModel
        {
            SenderCode = senderCode,
            Form = form,
            Kind = kind,
            Filters = ExportFilters.Describe(kind, listName, form.Reason, form.Q, senderCode.CountryCode),
            Search = PhoneSearch.Parse(form.Q, senderCode.CountryCode),
            Recipients = recipients
                .Select(u => new RecipientOption(u.Id, string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? "" : $"{u.DisplayName} <{u.Email}>"))
                .ToList(),
            BackUrl = BackUrl(form, kind),
        };
    }

    /// <summary>Checks what the form's validator cannot (the list and the recipient exist here), then queues the export.</summary>
    /// <param name="retryOf">The export this one retries: it is marked retried in the same transaction, and when it
    /// already was (a second tab, a second click), nothing is queued and the result is null with no error.</param>
    public async Task<ExportRecord?> QueueAsync(SenderCodeOption senderCode, ExportRequestForm form, string userId, ModelStateDictionary errors, CancellationToken ct, Guid? retryOf = null)
    {
        var kind = form.Kind!.Value;
        if (kind == ExportKind.Contacts && form.List is { } listId
            && !await db.Lists.AnyAsync(l => l.Id == listId && l.SenderCodeId == senderCode.Id, ct))
        {
            errors.AddModelError(nameof(form.List), "That list is not in this sender code.");
        }

        // Only someone who may use this sender code can be sent its contacts (the job checks again when it runs).
        var recipient = await access.UsersOf(senderCode.Id).AsNoTracking()
            .Where(u => u.Id == form.RecipientUserId)
            .Select(u => new { u.Id, u.Email })
            .FirstOrDefaultAsync(ct);
        if (recipient?.Email is null)
        {
            errors.AddModelError(nameof(form.RecipientUserId), "Pick a recipient from the list: only users who may use this sender code can be sent its contacts.");
        }

        if (!errors.IsValid)
        {
            return null;
        }

        var export = new ExportRecord
        {
            Id = Guid.NewGuid(),
            SenderCodeId = senderCode.Id,
            Kind = kind,
            ListId = kind == ExportKind.Contacts ? form.List : null,
            Reason = kind == ExportKind.OptedOut ? form.Reason : null,
            PhoneSearch = string.IsNullOrWhiteSpace(form.Q) ? null : form.Q.Trim(),
            RequestedByUserId = userId,
            RecipientUserId = recipient!.Id,
            RecipientEmail = recipient.Email!,
            Status = ExportStatus.Queued,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Exports.Add(export);
        if (retryOf is { } originalId)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Exports
                .Where(e => e.Id == originalId && e.RetriedAsExportId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.RetriedAsExportId, export.Id), ct);
            if (claimed == 0)
            {
                db.Entry(export).State = EntityState.Detached;
                return null;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }

        jobs.Enqueue<ExportContactsJob>(job => job.RunAsync(export.Id, CancellationToken.None));
        return export;
    }

    /// <summary>
    /// Retry on the exports page: a new export with the failed (or unconfirmed) one's filters and recipient, asked for
    /// by this user now, so it holds the rows as they are now (the email says as of when). Once per export, whatever
    /// the number of tabs or clicks.
    /// </summary>
    public async Task<RetryResult> RetryAsync(SenderCodeOption senderCode, Guid exportId, string userId, CancellationToken ct)
    {
        var original = await db.Exports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == exportId && e.SenderCodeId == senderCode.Id, ct);
        if (original is null)
        {
            return new RetryResult(false, null, "");
        }

        const string AlreadyRetried = "This export was already retried: the newer one is listed above it.";
        if (original.RetriedAsExportId is not null)
        {
            return new RetryResult(true, null, AlreadyRetried);
        }

        if (original.Status != ExportStatus.Failed && !(original.Status == ExportStatus.Completed && original.EmailUnconfirmed))
        {
            return new RetryResult(true, null, "Only a failed export, or one whose email may not have arrived, can be retried.");
        }

        var form = new ExportRequestForm
        {
            Tab = original.Kind == ExportKind.OptedOut ? DashboardTab.OptedOut : DashboardTab.Contacts,
            List = original.ListId,
            Reason = original.Reason,
            Q = original.PhoneSearch,
            RecipientUserId = original.RecipientUserId,
        };
        var errors = new ModelStateDictionary();
        var export = await QueueAsync(senderCode, form, userId, errors, ct, retryOf: original.Id);
        if (export is not null)
        {
            return new RetryResult(true, export, $"Export queued again. {export.RecipientEmail} will get an email with a download link (valid for three days) when it is ready.");
        }

        if (errors.IsValid)
        {
            return new RetryResult(true, null, AlreadyRetried);
        }

        var why = errors.ContainsKey(nameof(form.RecipientUserId))
            ? $"its recipient {original.RecipientEmail} is no longer an active user who may use this sender code"
            : "its list is no longer in this sender code";
        return new RetryResult(true, null, $"This export cannot be retried: {why}. Start a new export from the Contacts page.");
    }

    /// <summary>Where Cancel goes: the dashboard tab with the same filters.</summary>
    public static string BackUrl(ExportRequestForm form, ExportKind kind) => WithFilters(
        "/contacts",
        kind == ExportKind.OptedOut ? DashboardTab.OptedOut : DashboardTab.Contacts,
        form.List,
        form.Reason,
        form.Q);

    /// <summary>The Export button of a dashboard tab: Configure Export with that tab's filters.</summary>
    public static string ConfigureUrl(string tab, int? listId, OptOutReason? reason, string? phoneSearch) =>
        WithFilters("/exports/new", tab, tab == DashboardTab.Contacts ? listId : null, tab == DashboardTab.OptedOut ? reason : null, phoneSearch);

    private static string WithFilters(string path, string tab, int? listId, OptOutReason? reason, string? phoneSearch)
    {
        var query = new Dictionary<string, string?>
        {
            ["tab"] = tab,
            ["list"] = listId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["reason"] = reason?.ToString(),
            ["q"] = phoneSearch,
        };
        return QueryHelpers.AddQueryString(
            path,
            query.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value)));
    }
}

/// <summary>An export's filters in words, as Configure Export, the exports page and the email say them.</summary>
public static class ExportFilters
{
    /// <param name="phoneSearch">As typed into the grid's search box; described as <see cref="PhoneSearch"/> applies it.</param>
    /// <param name="region">The sender code's country, which the search reads the typed digits in.</param>
    public static string Describe(ExportKind kind, string? listName, OptOutReason? reason, string? phoneSearch, string region)
    {
        var parts = new List<string>
        {
            kind == ExportKind.Contacts
                ? listName is null ? "All Lists" : $"List {listName}"
                : reason is { } r ? $"Reason {r.DisplayName()}" : "All reasons",
        };
        var search = PhoneSearch.Parse(phoneSearch, region);
        if (search.Kind != PhoneSearchKind.None)
        {
            parts.Add(search.Describe());
        }

        return string.Join(", ", parts);
    }
}
