export function MyWorkRoute() {
  return <section className="page" />;
}
