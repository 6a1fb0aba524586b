using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PhoneNumbers;
using SmsContacts.Web.Data;

namespace SmsContacts.Web.Features.SenderCodes;

public sealed class SenderCodeForm
{
    public int? Id { get; set; }

    [Display(Name = "Sender code")]
    public string Code { get; set; } = "";

    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    [Display(Name = "Country")]
    public string CountryCode { get; set; } = "US";

    [Display(Name = "HELP reply")]
    public string HelpText { get; set; } = "";
}

public sealed class SenderCodeFormValidator : AbstractValidator<SenderCodeForm>
{
    private static readonly HashSet<string> Regions = PhoneNumberUtil.GetInstance().GetSupportedRegions().ToHashSet();

    public SenderCodeFormValidator(AppDbContext db)
    {
        RuleFor(f => f.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the short code or long number.")
            .Matches(@"^(\d{3,8}|\+[1-9]\d{6,14})$").WithMessage("A sender code is a short code of 3 to 8 digits or a long number in E.164 form (+14155550100).")
            .MustAsync(async (form, code, ct) => !await db.SenderCodes.AnyAsync(s => s.Code == code && s.Id != (form.Id ?? 0), ct))
            .WithMessage("That sender code already exists.");
        RuleFor(f => f.Name).NotEmpty().WithMessage("Enter a name.").MaximumLength(100);
        RuleFor(f => f.CountryCode).Must(c => Regions.Contains(c)).WithMessage("Choose the country whose numbers this code texts.");
        RuleFor(f => f.HelpText).NotEmpty().WithMessage("Enter the reply to HELP (who you are and how to stop).").MaximumLength(480);
    }
}
