using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.SenderCodes;

/// <summary>Creates and changes sender codes (with their extra keywords) and their lists (with join keywords).</summary>
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
        senderCode.ExtraOptOutWords = SenderCodeWords.Join(SenderCodeWords.Split(form.ExtraOptOutWords));
        senderCode.ExtraOptInWords = SenderCodeWords.Join(SenderCodeWords.Split(form.ExtraOptInWords));
        senderCode.ExtraHelpWords = SenderCodeWords.Join(SenderCodeWords.Split(form.ExtraHelpWords));
        senderCode.OptOutConfirmation = string.IsNullOrWhiteSpace(form.OptOutConfirmation) ? null : form.OptOutConfirmation.Trim();
        await db.SaveChangesAsync(ct);
        return senderCode.Id;
    }

    /// <summary>
    /// The sender code's form with a language's common words added to its extra words (those it has already
    /// are not added twice); null when the sender code does not exist. The caller validates and saves it.
    /// </summary>
    public async Task<SenderCodeForm?> WithLanguageWordsAsync(int senderCodeId, LanguageWords language, CancellationToken ct)
    {
        var senderCode = await db.SenderCodes.AsNoTracking().SingleOrDefaultAsync(s => s.Id == senderCodeId, ct);
        if (senderCode is null)
        {
            return null;
        }

        var form = SenderCodeForm.Of(senderCode);
        form.ExtraOptOutWords = Merge(form.ExtraOptOutWords, language.OptOut);
        form.ExtraOptInWords = Merge(form.ExtraOptInWords, language.OptIn);
        form.ExtraHelpWords = Merge(form.ExtraHelpWords, language.Help);
        return form;
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

    private static string? Merge(string? existing, IEnumerable<string> added)
    {
        var words = SenderCodeWords.Split(existing).ToList();
        var letters = words.Select(KeywordText.Letters).ToHashSet();
        words.AddRange(added.Where(w => letters.Add(KeywordText.Letters(w))));
        return SenderCodeWords.Join(words);
    }
}
