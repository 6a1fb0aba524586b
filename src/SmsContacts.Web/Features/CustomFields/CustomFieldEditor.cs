using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.CustomFields;

public sealed record CustomFieldSummary(int Id, string Name, CustomFieldType Type, DateTime CreatedUtc);

/// <summary>Admin: a sender code's custom profile fields. System fields are not stored here and cannot be touched.</summary>
public sealed class CustomFieldEditor(AppDbContext db, TimeProvider clock)
{
    public Task<List<CustomFieldSummary>> ListAsync(int senderCodeId, CancellationToken ct) =>
        db.CustomFields.AsNoTracking()
            .Where(f => f.SenderCodeId == senderCodeId)
            .OrderBy(f => f.Name)
            .Select(f => new CustomFieldSummary(f.Id, f.Name, f.Type, f.CreatedUtc))
            .ToListAsync(ct);

    public Task<CustomFieldSummary?> FindAsync(int senderCodeId, int fieldId, CancellationToken ct) =>
        db.CustomFields.AsNoTracking()
            .Where(f => f.Id == fieldId && f.SenderCodeId == senderCodeId)
            .Select(f => new CustomFieldSummary(f.Id, f.Name, f.Type, f.CreatedUtc))
            .SingleOrDefaultAsync(ct);

    public async Task CreateAsync(int senderCodeId, CustomFieldForm form, CancellationToken ct)
    {
        db.CustomFields.Add(new CustomFieldDefinition
        {
            SenderCodeId = senderCodeId,
            Name = form.Name!.Trim(),
            Type = form.Type,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task RenameAsync(int senderCodeId, int fieldId, string name, CancellationToken ct) =>
        await db.CustomFields.Where(f => f.Id == fieldId && f.SenderCodeId == senderCodeId)
            .ExecuteUpdateAsync(f => f.SetProperty(x => x.Name, name.Trim()), ct);

    /// <summary>How many contacts hold a value, which the delete confirmation says before anything is lost.</summary>
    public Task<int> CountValuesAsync(int fieldId, CancellationToken ct) =>
        db.CustomFieldValues.CountAsync(v => v.FieldId == fieldId, ct);

    public async Task<int> DeleteAsync(int senderCodeId, int fieldId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.CustomFields.AnyAsync(f => f.Id == fieldId && f.SenderCodeId == senderCodeId, ct))
        {
            return 0;
        }

        // Set-based: a field of a million contacts is deleted without loading its values.
        var values = await db.CustomFieldValues.Where(v => v.FieldId == fieldId).ExecuteDeleteAsync(ct);
        await db.CustomFields.Where(f => f.Id == fieldId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return values;
    }
}
