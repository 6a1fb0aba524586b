using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;

namespace SmsContacts.Web.Features.Import;

public enum UploadOutcome
{
    Stored,
    TooLarge,
    NoFile,
    Empty,
    WrongType,
    NotText,
    BadRequest,

    /// <summary>The user's drafts already hold <see cref="ImportOptions.MaxDraftBytesPerUser"/>.</summary>
    DraftsFull,
}

public sealed record UploadResult(UploadOutcome Outcome, Guid ImportId = default, string? Message = null);

/// <summary>
/// Step 1, Upload File. The request body is read section by section and the file streamed straight to a
/// generated name in the data folder, so a large file never sits in memory, and a file over the limit is
/// refused from its Content-Length before a byte of it is read (or as soon as it passes the limit, when the
/// client did not say its length). The file then gets its encoding, delimiter, text qualifier and header detected
/// (<see cref="ImportDetection"/>); a file that is not text (a workbook, a vCard, binary data) is refused and deleted.
///
/// Nothing but the file is read beyond a few KB: the form's other parts (the anti-forgery token) are read up to
/// <see cref="MaxFieldBytes"/> and a bigger one refuses the upload (413) without being buffered, and a form with more
/// than <see cref="MaxFields"/> of them is refused (400). Each user's waiting drafts hold at most
/// <see cref="ImportOptions.MaxDraftBytesPerUser"/>: the upload reserves its size in a draft before the file is read.
/// </summary>
public sealed class ImportUpload(
    AppDbContext db,
    DataDirectory data,
    IOptions<ImportOptions> options,
    IAntiforgery antiforgery,
    TimeProvider clock,
    ImportRetention retention)
{
    /// <summary>Room for the multipart boundaries and the other form fields around the file.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    /// <summary>The largest form part that is not the file: an anti-forgery token is about 200 characters.</summary>
    public const int MaxFieldBytes = 4 * 1024;

    /// <summary>Parts that are not the file, before it: the upload form has one.</summary>
    public const int MaxFields = 16;

    public const string FileField = "file";

    private static readonly string[] Extensions = [".csv", ".txt"];

    public async Task<UploadResult> ReceiveAsync(HttpContext http, int senderCodeId, string userId, string userName, CancellationToken ct)
    {
        var limit = options.Value.MaxUploadBytes;
        var tooLarge = new UploadResult(UploadOutcome.TooLarge, Message: $"The file is larger than the {options.Value.MaxUploadText} limit. Split it into smaller files.");
        var request = http.Request;
        if (request.ContentLength > limit + FormOverheadBytes)
        {
            return tooLarge;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit + FormOverheadBytes;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return new UploadResult(UploadOutcome.BadRequest, Message: "Send the file from the upload form.");
        }

        var reader = new MultipartReader(boundary, request.Body);
        string? token = null;
        var fields = 0;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
            {
                if (++fields > MaxFields)
                {
                    return new UploadResult(UploadOutcome.BadRequest, Message: "Send the file from the upload form.");
                }

                // Read (at most a few KB), never buffered whole: the next section is only found by reading past this one.
                var value = await ReadFieldAsync(section.Body, ct);
                if (value is null)
                {
                    return new UploadResult(UploadOutcome.TooLarge, Message: $"A field of the upload form is larger than {MaxFieldBytes / 1024} KB. Send the file from the upload form.");
                }

                if (disposition is not null && HeaderUtilities.RemoveQuotes(disposition.Name).Value == "__RequestVerificationToken")
                {
                    token = value;
                }

                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;

            if (name != FileField)
            {
                continue;
            }

            if (!await AntiforgeryPassesAsync(http, token))
            {
                return new UploadResult(UploadOutcome.BadRequest, Message: "The upload form has expired. Reload the page and choose the file again.");
            }

            var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "");
            if (fileName.Length == 0)
            {
                return new UploadResult(UploadOutcome.NoFile, Message: "Choose a CSV or TXT file to upload.");
            }

            if (!Extensions.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase))
            {
                return new UploadResult(UploadOutcome.WrongType, Message: $"\"{fileName}\" is not a CSV or TXT file.");
            }

            return await StoreAsync(section.Body, fileName, request.ContentLength, limit, tooLarge, senderCodeId, userId, userName, ct);
        }

        return new UploadResult(UploadOutcome.NoFile, Message: "Choose a CSV or TXT file to upload.");
    }

    /// <summary>A form part as text, or null when it is longer than <see cref="MaxFieldBytes"/> (the rest is not read).</summary>
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(filled), ct)) > 0)
        {
            filled += read;
        }

        return filled > MaxFieldBytes ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, filled);
    }

    /// <summary>
    /// The token normally arrives in the form field before the file. Passing it on as the header the
    /// anti-forgery service reads first means the service never reads (and buffers) the rest of the form.
    /// </summary>
    private async Task<bool> AntiforgeryPassesAsync(HttpContext http, string? token)
    {
        if (token is not null)
        {
            http.Request.Headers["RequestVerificationToken"] = token;
        }
        else if (!http.Request.Headers.ContainsKey("RequestVerificationToken"))
        {
            return false;
        }

        return await antiforgery.IsRequestValidAsync(http);
    }

    /// <summary>
    /// Reserves the upload's size in a new draft (the size the request declares, or what is left of the user's allowance
    /// when it declares none), refuses it when the user's drafts would then hold more than the allowance, and streams the
    /// file within the reservation. Two uploads at once both count each other's reservation, so neither passes the cap.
    /// </summary>
    private async Task<UploadResult> StoreAsync(Stream body, string fileName, long? contentLength, long limit, UploadResult tooLarge, int senderCodeId, string userId, string userName, CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await retention.DeleteExpiredDraftsAsync(ct);

        var id = Guid.NewGuid();
        var storedName = $"{id:N}.upload";
        var path = Path.Combine(data.Imports, storedName);
        var waiting = await DraftBytesAsync(userId, ct);
        var reserved = Math.Min(limit, contentLength ?? Math.Max(0, settings.MaxDraftBytesPerUser - waiting));
        var draftsFull = new UploadResult(UploadOutcome.DraftsFull, Message:
            $"Your unfinished imports already hold {ImportOptions.Size(waiting)} of uploads, and one user may have {settings.MaxDraftText} waiting. " +
            $"Finish or cancel them (Import Settings and Configure Import Layout have Cancel import), or wait: an import not started within {settings.DraftRetentionText} of its upload is deleted.");
        var draft = new ImportRecord
        {
            Id = id,
            SenderCodeId = senderCodeId,
            UserId = userId,
            UserName = userName,
            OriginalFileName = fileName.Length > 260 ? fileName[..260] : fileName,
            StoredFileName = storedName,
            FileSize = reserved,
            Status = ImportStatus.Draft,
            CreatedUtc = now,
        };
        db.Imports.Add(draft);
        await db.SaveChangesAsync(ct);
        if (await DraftBytesAsync(userId, ct) > settings.MaxDraftBytesPerUser)
        {
            await ForgetAsync(draft, path);
            return draftsFull;
        }

        long size = 0;
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await body.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > limit)
                    {
                        throw new FileTooLargeException();
                    }

                    if (size > reserved && waiting + size > settings.MaxDraftBytesPerUser)
                    {
                        throw new DraftsFullException();
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }

            if (size == 0)
            {
                await ForgetAsync(draft, path);
                return new UploadResult(UploadOutcome.Empty, Message: $"\"{fileName}\" is empty.");
            }

            var region = await db.SenderCodes.Where(c => c.Id == senderCodeId).Select(c => c.CountryCode).SingleAsync(ct);
            var detected = ImportDetection.Detect(path, region);
            if (detected.Refusal is not null)
            {
                await ForgetAsync(draft, path);
                return new UploadResult(UploadOutcome.NotText, Message: $"\"{fileName}\": {detected.Refusal}");
            }

            var notes = string.Join('\n', detected.Notes);
            draft.FileSize = size;
            draft.Settings = detected.Format.ApplyTo(draft.Settings);
            draft.DetectionNotes = notes.Length > 2000 ? notes[..1999] + "…" : notes;
            await db.SaveChangesAsync(ct);
            return new UploadResult(UploadOutcome.Stored, id);
        }
        catch (FileTooLargeException)
        {
            await ForgetAsync(draft, path);
            return tooLarge;
        }
        catch (DraftsFullException)
        {
            await ForgetAsync(draft, path);
            return draftsFull;
        }
        catch
        {
            await ForgetAsync(draft, path);
            throw;
        }
    }

    /// <summary>Bytes the user's drafts hold (or have reserved) now.</summary>
    private async Task<long> DraftBytesAsync(string userId, CancellationToken ct) =>
        await db.Imports.Where(i => i.UserId == userId && i.Status == ImportStatus.Draft).SumAsync(i => (long?)i.FileSize, ct) ?? 0;

    /// <summary>An upload that is not kept: its file and its draft go, whatever the request's cancellation says.</summary>
    private async Task ForgetAsync(ImportRecord draft, string path)
    {
        File.Delete(path);
        db.ChangeTracker.Clear();
        await db.Imports.Where(i => i.Id == draft.Id && i.Status == ImportStatus.Draft).ExecuteDeleteAsync(CancellationToken.None);
    }

    private sealed class FileTooLargeException : Exception;

    private sealed class DraftsFullException : Exception;
}
