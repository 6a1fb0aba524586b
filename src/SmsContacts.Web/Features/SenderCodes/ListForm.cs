using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.SenderCodes;

public sealed class ListForm
{
    public int? Id { get; set; }

    public int SenderCodeId { get; set; }

    [Display(Name = "List name")]
    public string Name { get; set; } = "";

    /// <summary>Optional: a list can have no join keyword (contacts then come by import or by hand).</summary>
    [Display(Name = "Join keywords")]
    public string? Keywords { get; set; }

    [Display(Name = "Require double opt-in")]
    public bool DoubleOptIn { get; set; }

    [Display(Name = "Welcome message (subscription journey)")]
    public string? WelcomeMessage { get; set; }

    /// <summary>"join, Vip " → ["JOIN", "VIP"].</summary>
    public IReadOnlyList<string> ParsedKeywords() =>
        (Keywords ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => k.ToUpperInvariant())
            .Distinct()
            .ToList();
}

public sealed class ListFormValidator : AbstractValidator<ListForm>
{
    public ListFormValidator(AppDbContext db)
    {
        RuleFor(f => f.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a list name.")
            .MaximumLength(100)
            .MustAsync(async (form, name, ct) => !await db.Lists.AnyAsync(l => l.SenderCodeId == form.SenderCodeId && l.Name == name.Trim() && l.Id != (form.Id ?? 0), ct))
            .WithMessage("This sender code already has a list with that name.");

        RuleFor(f => f.Keywords).CustomAsync(async (_, context, ct) =>
        {
            var form = context.InstanceToValidate;
            foreach (var keyword in form.ParsedKeywords())
            {
                if (!System.Text.RegularExpressions.Regex.IsMatch(keyword, "^[A-Z0-9]{2,30}$"))
                {
                    context.AddFailure($"Keyword \"{keyword}\" must be 2 to 30 letters or digits.");
                }
                else if (InboundKeywords.IsReserved(keyword))
                {
                    context.AddFailure($"\"{keyword}\" is reserved (STOP, START, HELP, Y...) and cannot join a list.");
                }
                else if (await db.ListKeywords.AnyAsync(k => k.SenderCodeId == form.SenderCodeId && k.Keyword == keyword && k.ListId != (form.Id ?? 0), ct))
                {
                    context.AddFailure($"Keyword \"{keyword}\" already joins another list of this sender code.");
                }
            }
        });

        RuleFor(f => f.WelcomeMessage).MaximumLength(480);
    }
}
