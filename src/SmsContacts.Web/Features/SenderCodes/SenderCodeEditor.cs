using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.SenderCodes;

/// <summary>Creates and changes sender codes and their lists (with join keywords).</summary>
public sealed class SenderCodeEditor(AppDbContext db, TimeProvider clock)
{
    public async Task<int> SaveAsync(SenderCodeForm form, CancellationToken ct)
    {
        var senderCode = form.Id is { } id
            ? await db.SenderCodes.SingleAsync(s => s.Id == id, ct)
            : db.SenderCodes.Add(new SenderCode { CreatedUtc = clock.GetUtcNow().UtcDateTime }).Entity;
        senderCode.Code = form.Code.Trim();
        senderCode.Name = form.Name.Trim();
        senderCode.CountryCode = form.CountryCode;
        senderCode.HelpText = form.HelpText.Trim();
        await db.SaveChangesAsync(ct);
        return senderCode.Id;
    }

    public async Task SaveListAsync(ListForm form, CancellationToken ct)
    {
        var list = form.Id is { } id
            ? await db.Lists.Include(l => l.Keywords).SingleAsync(l => l.Id == id, ct)
            : db.Lists.Add(new ContactList { SenderCodeId = form.SenderCodeId, CreatedUtc = clock.GetUtcNow().UtcDateTime }).Entity;
        list.Name = form.Name.Trim();
        list.DoubleOptIn = form.DoubleOptIn;
        list.WelcomeMessage = string.IsNullOrWhiteSpace(form.WelcomeMessage) ? null : form.WelcomeMessage.Trim();

        var wanted = form.ParsedKeywords();
        list.Keywords.RemoveAll(k => !wanted.Contains(k.Keyword));
        foreach (var keyword in wanted.Where(w => list.Keywords.All(k => k.Keyword != w)))
        {
            list.Keywords.Add(new ListKeyword { SenderCodeId = list.SenderCodeId, Keyword = keyword });
        }

        await db.SaveChangesAsync(ct);
    }
}
