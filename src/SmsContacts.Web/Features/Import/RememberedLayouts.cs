using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Import;

/// <summary>A remembered layout as step 3 applies it to a file: the field chosen for each of its columns, in its order.</summary>
/// <param name="SavedUtc">When the import that saved it was started (UTC).</param>
/// <param name="Selected">One field key per column of the file ("" for Do not import, and for a field deleted since).</param>
public sealed record RememberedLayout(int Id, string FileName, DateTime SavedUtc, IReadOnlyList<string> Selected);

/// <summary>A saved layout as the admin page lists it.</summary>
/// <param name="Columns">The column names of the file that saved it, in its order.</param>
/// <param name="Mapped">How many of those columns are imported (not Do not import).</param>
public sealed record SavedLayoutRow(int Id, string FileName, DateTime SavedUtc, string SavedBy, IReadOnlyList<string> Columns, int Mapped);

/// <summary>
/// Remembered import layouts: when an import starts from a file with a header row, the columns chosen on step 3 are kept
/// for the sender code under the file's column names; a later file whose header row has the same names (in any order,
/// ignoring case and spaces) opens step 3 with those choices instead of the guessed ones. Files without a header row are
/// never matched: their "names" would be their first contact.
/// </summary>
public sealed class RememberedLayouts(AppDbContext db)
{
    /// <summary>
    /// The names a header row is matched by, one per column in the file's order: each name in Unicode normal form KC,
    /// without any whitespace or invisible format character, in upper case (invariant culture), so "First Name",
    /// "first name", "FIRSTNAME", a composed and a decomposed "Prénom" match. A name that occurs more than
    /// once gets its occurrence after a space ("PHONE", "PHONE #2"), so two files with a repeated column still line up
    /// column for column; no name of a file has a space left, so a column really named "Phone #2" ("PHONE#2") is never
    /// taken for the second "Phone". Null when the row holds no name at all (a header row of blanks identifies nothing).
    /// </summary>
    public static IReadOnlyList<string>? MatchingNames(IReadOnlyList<string> headers)
    {
        if (headers.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>(headers.Count);
        foreach (var header in headers)
        {
            var name = string.Concat((header ?? "").Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && !IsInvisible(c))).ToUpperInvariant();
            var occurrence = seen[name] = seen.GetValueOrDefault(name) + 1;
            names.Add(occurrence == 1 ? name : $"{name} #{occurrence.ToString(CultureInfo.InvariantCulture)}");
        }

        return names;
    }

    /// <summary>Format characters (a byte order mark, zero-width spaces and joiners) that a file can carry unseen in a name.</summary>
    private static bool IsInvisible(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    /// <summary>The key of a header row: SHA-256 of its matching names sorted (so the order of the columns does not matter).</summary>
    public static string HeaderKey(IReadOnlyList<string> matchingNames) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', matchingNames.Order(StringComparer.Ordinal)))));

    /// <summary>
    /// The layout saved on this sender code for a file with these column names (<paramref name="headers"/>, the header row
    /// as read with the draft's settings), applied to the file's column order; or null when there is none. A field deleted
    /// since is shown as Do not import.
    /// </summary>
    public async Task<RememberedLayout?> FindAsync(int senderCodeId, IReadOnlyList<string> headers, ImportFields fields, CancellationToken ct)
    {
        if (MatchingNames(headers) is not { } names)
        {
            return null;
        }

        var key = HeaderKey(names);
        var saved = await db.SavedImportLayouts.AsNoTracking()
            .Where(l => l.SenderCodeId == senderCodeId && l.HeaderKey == key)
            .Select(l => new { l.Id, l.FileName, l.SavedUtc, l.Mapping })
            .SingleOrDefaultAsync(ct);
        if (saved is null)
        {
            return null;
        }

        var mapping = JsonSerializer.Deserialize<Dictionary<string, string>>(saved.Mapping) ?? [];
        var selected = names
            .Select(n => mapping.TryGetValue(n, out var field) && fields.Find(field) is not null ? field : ImportFields.DoNotImport)
            .ToList();
        return new RememberedLayout(saved.Id, saved.FileName, saved.SavedUtc, selected);
    }

    /// <summary>
    /// Keeps the layout an import was started with (<paramref name="columns"/>: one field key per column) under its file's
    /// header row, replacing the one saved before for the same names. Nothing is kept for a file without a header row.
    /// </summary>
    public async Task RememberAsync(ImportRecord import, IReadOnlyList<string> headers, IReadOnlyList<string> columns, DateTime startedUtc, CancellationToken ct)
    {
        if (!import.Settings.FirstLineHasColumnNames || headers.Count != columns.Count || MatchingNames(headers) is not { } names)
        {
            return;
        }

        var key = HeaderKey(names);
        var mapping = JsonSerializer.Serialize(names.Zip(columns).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
        var columnNames = JsonSerializer.Serialize(headers.Select(h => h.Trim()));

        // Two imports of such files started at once: the unique index keeps one row, the later start wins.
        for (var attempt = 0; ; attempt++)
        {
            var saved = await db.SavedImportLayouts.SingleOrDefaultAsync(l => l.SenderCodeId == import.SenderCodeId && l.HeaderKey == key, ct);
            if (saved is null)
            {
                saved = new SavedImportLayout { SenderCodeId = import.SenderCodeId, HeaderKey = key };
                db.SavedImportLayouts.Add(saved);
            }

            saved.Mapping = mapping;
            saved.ColumnNames = columnNames;
            saved.FileName = import.OriginalFileName;
            saved.ImportId = import.Id;
            saved.SavedBy = import.UserName;
            saved.SavedUtc = startedUtc;
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                db.Entry(saved).State = EntityState.Detached;
            }
        }
    }

    /// <summary>The sender code's saved layouts, latest first.</summary>
    public async Task<List<SavedLayoutRow>> ListAsync(int senderCodeId, CancellationToken ct)
    {
        var saved = await db.SavedImportLayouts.AsNoTracking()
            .Where(l => l.SenderCodeId == senderCodeId)
            .OrderByDescending(l => l.SavedUtc).ThenByDescending(l => l.Id)
            .ToListAsync(ct);
        return saved.Select(l => new SavedLayoutRow(
                l.Id,
                l.FileName,
                l.SavedUtc,
                l.SavedBy,
                JsonSerializer.Deserialize<List<string>>(l.ColumnNames) ?? [],
                (JsonSerializer.Deserialize<Dictionary<string, string>>(l.Mapping) ?? []).Values.Count(v => v != ImportFields.DoNotImport)))
            .ToList();
    }

    /// <summary>Deletes one saved layout of the sender code; false when there is no such layout (any more).</summary>
    public async Task<bool> DeleteAsync(int senderCodeId, int layoutId, CancellationToken ct) =>
        await db.SavedImportLayouts.Where(l => l.Id == layoutId && l.SenderCodeId == senderCodeId).ExecuteDeleteAsync(ct) > 0;
}

/// <summary>The Saved layouts page: the sender code and its layouts, latest first.</summary>
public sealed record SavedLayoutsPage(SenderCodeOption SenderCode, IReadOnlyList<SavedLayoutRow> Layouts);
