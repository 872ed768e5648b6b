using Convene.Core.Directory;
using Convene.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Convene.Persistence.Configurations;

internal sealed class AssociateConfiguration : IEntityTypeConfiguration<Associate>
{
    public void Configure(EntityTypeBuilder<Associate> builder)
    {
        builder.ToTable("associate");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("associate_id");
        builder.Property(a => a.Name).HasColumnName("name");
        builder.Property(a => a.UserName).HasColumnName("user_name");
        builder.Property(a => a.Kind).HasColumnName("type");
        builder.Property(a => a.IsLocation).HasColumnName("is_location");
        builder.Property(a => a.PersonId).HasColumnName("person_id");
        builder.Property(a => a.Email).HasColumnName("email");
        builder.Property(a => a.PasswordHash).HasColumnName("password_hash");
        builder.Property(a => a.IsAdministrator).HasColumnName("is_administrator");
        builder.Property(a => a.IsActive).HasColumnName("is_active");
        builder.Property(a => a.RejectConflicts).HasColumnName("reject_conflicts");
        builder.Property(a => a.TimeZone).HasColumnName("time_zone");
        builder.Property(a => a.Registered).HasColumnName("registered");
        builder.Property(a => a.Updated).HasColumnName("updated");
        builder.Ignore(a => a.IsResource);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("contact");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("contact_id");
        builder.Property(c => c.Name).HasColumnName("name");
        builder.Property(c => c.IsActive).HasColumnName("is_active");
        builder.Property(c => c.Registered).HasColumnName("registered");
        builder.Property(c => c.Updated).HasColumnName("updated");
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("person");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasColumnName("person_id");
        builder.Property(p => p.ContactId).HasColumnName("contact_id");
        builder.Property(p => p.Name).HasColumnName("name");
        builder.Property(p => p.Email).HasColumnName("email");
        builder.Property(p => p.IsActive).HasColumnName("is_active");
        builder.Property(p => p.Registered).HasColumnName("registered");
        builder.Property(p => p.Updated).HasColumnName("updated");
    }
}

internal sealed class AuthTokenConfiguration : IEntityTypeConfiguration<AuthToken>
{
    public void Configure(EntityTypeBuilder<AuthToken> builder)
    {
        builder.ToTable("auth_token");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName("auth_token_id");
        builder.Property(t => t.AssociateId).HasColumnName("associate_id");
        builder.Property(t => t.TokenHash).HasColumnName("token_hash");
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.Property(t => t.ExpiresAt).HasColumnName("expires_at");
        builder.Property(t => t.RevokedAt).HasColumnName("revoked_at");
    }
}
