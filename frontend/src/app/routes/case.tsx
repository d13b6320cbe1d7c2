export function CaseRoute() {
  return <section className="page" />;
}
