# Loaded by schemathesis (SCHEMATHESIS_HOOKS) in test/e2e/schemathesis.test.ts: the GraphQL schema's `JSON`
# scalar (services/gateway/graphql/json.scalar.ts) takes any JSON value, which schemathesis cannot know how to
# generate; this strategy builds arbitrary JSON literals (null, booleans, numbers, strings, lists, objects).
import graphql
import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

NAMES = st.from_regex(r"\A[_a-zA-Z][_a-zA-Z0-9]{0,15}\Z")
LEAVES = st.one_of(
    st.just(nodes.Null),
    st.booleans().map(nodes.Boolean),
    st.integers(min_value=-(2**53), max_value=2**53).map(nodes.Int),
    st.floats(allow_nan=False, allow_infinity=False).map(nodes.Float),
    st.text(max_size=40).map(nodes.String),
)


def _object(fields):
    return nodes.Object([graphql.ObjectFieldNode(name=graphql.NameNode(value=key), value=value) for key, value in fields.items()])


JSON = st.recursive(
    LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=5).map(nodes.List),
        st.dictionaries(NAMES, children, max_size=6).map(_object),
    ),
    max_leaves=20,
)

schemathesis.graphql.scalar("JSON", JSON)
