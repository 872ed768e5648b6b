namespace Convene.Core.Common;

/// <summary>The outcome of an operation that can fail in an expected way: a value or an <see cref="Error"/>.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T value)
    {
        _value = value;
        Error = null;
    }

    private Result(Error error)
    {
        _value = default;
        Error = error;
    }

    /// <summary>The error, or null on success.</summary>
    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    /// <summary>The value; reading it on a failed result is a bug.</summary>
    public T Value => Error is null ? _value! : throw new InvalidOperationException($"Result failed with {Error.Code}.");

    public static Result<T> Success(T value) => new(value);

    public static Result<T> Failure(Error error) => new(error);

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Error error) => new(error);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) => Error is null ? map(_value!) : Error;

    public async Task<Result<TOut>> BindAsync<TOut>(Func<T, Task<Result<TOut>>> next) =>
        Error is null ? await next(_value!) : Error;
}

/// <summary>The value of a successful operation that returns nothing.</summary>
public readonly record struct Unit
{
    public static readonly Unit Value;
}
