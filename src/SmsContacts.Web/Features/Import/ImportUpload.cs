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
}

public sealed record UploadResult(UploadOutcome Outcome, Guid ImportId = default, string? Message = null);

/// <summary>
/// Step 1, Upload File. The request body is read section by section and the file streamed straight to a
/// generated name in the data folder, so a large file never sits in memory, and a file over the limit is
/// refused from its Content-Length before a byte of it is read (or as soon as it passes the limit, when the
/// client did not say its length). The file then gets its encoding, delimiter, text qualifier and header detected
/// (<see cref="ImportDetection"/>); a file that is not text (a workbook, a vCard, binary data) is refused and deleted.
/// </summary>
public sealed class ImportUpload(
    AppDbContext db,
    DataDirectory data,
    IOptions<ImportOptions> options,
    IAntiforgery antiforgery,
    TimeProvider clock,
    ILogger<ImportUpload> logger)
{
    /// <summary>Room for the multipart boundaries and the other form fields around the file.</summary>
    public const long FormOverheadBytes = 64 * 1024;

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
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            if (!disposition.IsFileDisposition())
            {
                if (name == "__RequestVerificationToken")
                {
                    using var text = new StreamReader(section.Body);
                    token = await text.ReadToEndAsync(ct);
                }

                continue;
            }

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

            return await StoreAsync(section.Body, fileName, limit, tooLarge, senderCodeId, userId, userName, ct);
        }

        return new UploadResult(UploadOutcome.NoFile, Message: "Choose a CSV or TXT file to upload.");
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

    private async Task<UploadResult> StoreAsync(Stream body, string fileName, long limit, UploadResult tooLarge, int senderCodeId, string userId, string userName, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var storedName = $"{id:N}.upload";
        var path = Path.Combine(data.Imports, storedName);
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

                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }

            if (size == 0)
            {
                File.Delete(path);
                return new UploadResult(UploadOutcome.Empty, Message: $"\"{fileName}\" is empty.");
            }

            var region = await db.SenderCodes.Where(c => c.Id == senderCodeId).Select(c => c.CountryCode).SingleAsync(ct);
            var detected = ImportDetection.Detect(path, region);
            if (detected.Refusal is not null)
            {
                File.Delete(path);
                return new UploadResult(UploadOutcome.NotText, Message: $"\"{fileName}\": {detected.Refusal}");
            }

            var notes = string.Join('\n', detected.Notes);
            var now = clock.GetUtcNow().UtcDateTime;
            db.Imports.Add(new ImportRecord
            {
                Id = id,
                SenderCodeId = senderCodeId,
                UserId = userId,
                UserName = userName,
                OriginalFileName = fileName.Length > 260 ? fileName[..260] : fileName,
                StoredFileName = storedName,
                FileSize = size,
                Encoding = detected.Format.EncodingName,
                Delimiter = detected.Format.Delimiter,
                TextQualifier = detected.Format.Qualifier,
                FirstLineHasColumnNames = detected.Format.HasHeader,
                DetectionNotes = notes.Length > 2000 ? notes[..1999] + "…" : notes,
                Status = ImportStatus.Draft,
                CreatedUtc = now,
            });
            await db.SaveChangesAsync(ct);
            await ForgetAbandonedDraftsAsync(now, ct);
            return new UploadResult(UploadOutcome.Stored, id);
        }
        catch (FileTooLargeException)
        {
            File.Delete(path);
            return tooLarge;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Wizards left at step 2 or 3 for a day will not be finished: their files go.</summary>
    private async Task ForgetAbandonedDraftsAsync(DateTime now, CancellationToken ct)
    {
        var cutoff = now.AddDays(-1);
        var abandoned = await db.Imports.Where(i => i.Status == ImportStatus.Draft && i.CreatedUtc < cutoff).ToListAsync(ct);
        foreach (var draft in abandoned)
        {
            File.Delete(Path.Combine(data.Imports, draft.StoredFileName));
            db.Imports.Remove(draft);
        }

        if (abandoned.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Removed {Count} import drafts abandoned for more than a day", abandoned.Count);
        }
    }

    private sealed class FileTooLargeException : Exception;
}
