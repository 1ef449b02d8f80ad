namespace ImageGate.Cue;

/// <summary>Declarations: let, field (with its label and the <c>a: b: x</c> shorthand), ellipsis and embedding.</summary>
internal sealed partial class Parser
{
    private Decl Declaration()
    {
        var line = Cur.Line;
        if (IsIdent("let") && PeekAt(1).Kind == TokenKind.Ident)
        {
            Next();
            var name = Next().Text;
            Expect(TokenKind.Assign, "`=` after let name");
            return new LetDecl(line, name, Expression());
        }
        if ((IsIdent("if") || IsIdent("for")) && PeekAt(1).Kind is not (TokenKind.Colon or TokenKind.Question or TokenKind.Not))
        {
            throw Fail(CueErrorCodes.Unsupported, $"comprehension (`{Cur.Text}` clause) is not supported");
        }
        if (Cur.Kind == TokenKind.Ellipsis)
        {
            Next();
            if (Cur.Kind is not (TokenKind.Comma or TokenKind.RBrace or TokenKind.Eof))
            {
                throw Fail(CueErrorCodes.Unsupported, "typed struct ellipsis (`...T`) is not supported");
            }
            return new EllipsisDecl(line);
        }
        if (Cur.Kind == TokenKind.Ident && PeekAt(1).Kind == TokenKind.Assign)
        {
            throw Fail(CueErrorCodes.Unsupported, $"alias (`{Cur.Text}=`) is not supported");
        }
        if (TryLabel(out var label, out var constraint))
        {
            return new FieldDecl(line, label, constraint, FieldValue());
        }
        var expr = Expression();
        ThrowIfLabelExpression(expr);
        return new EmbedDecl(line, expr);
    }

    /// <summary>An expression followed by <c>:</c> was meant as a label: a pattern constraint or a dynamic field.</summary>
    private void ThrowIfLabelExpression(Expr expr)
    {
        if (Cur.Kind is TokenKind.Colon || (Cur.Kind is TokenKind.Question or TokenKind.Not && PeekAt(1).Kind == TokenKind.Colon))
        {
            var what = expr is ListLit ? "pattern constraint (`[expr]: value`)" : "dynamic field label (`(expr): value`)";
            throw Fail(CueErrorCodes.Unsupported, $"{what} is not supported");
        }
    }

    /// <summary>A label is an identifier or a string, then optional <c>?</c>/<c>!</c>, then <c>:</c>.</summary>
    private bool TryLabel(out Label label, out FieldConstraint constraint)
    {
        label = default;
        constraint = FieldConstraint.Regular;
        if (Cur.Kind is not (TokenKind.Ident or TokenKind.String))
        {
            return false;
        }
        var offset = 1;
        if (PeekAt(1).Kind is TokenKind.Question or TokenKind.Not)
        {
            constraint = PeekAt(1).Kind == TokenKind.Question ? FieldConstraint.Optional : FieldConstraint.Required;
            offset = 2;
        }
        if (PeekAt(offset).Kind != TokenKind.Colon)
        {
            return false;
        }
        var token = Next();
        label = token.Kind == TokenKind.Ident ? Label.FromIdentifier(token.Text) : new Label(LabelKind.Regular, token.Text);
        if (token.Kind == TokenKind.Ident && token.Text == "_")
        {
            throw Fail(CueErrorCodes.Syntax, "`_` cannot be used as a label");
        }
        if (offset == 2)
        {
            Next();
        }
        Next();
        return true;
    }

    private Expr FieldValue()
    {
        var line = Cur.Line;
        // The shorthand `a: b: c: x` is `a: {b: {c: x}}`.
        if (TryLabel(out var label, out var constraint))
        {
            Enter();
            var nested = new FieldDecl(line, label, constraint, FieldValue());
            _depth--;
            return MakeStruct(line, [nested]);
        }
        var value = Expression();
        ThrowIfLabelExpression(value);
        if (Cur.Kind == TokenKind.At)
        {
            throw Fail(CueErrorCodes.Unsupported, "attributes (`@...`) are not supported");
        }
        return value;
    }
}
