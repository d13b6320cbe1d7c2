export function AdminRoute() {
  return <section className="page" />;
}
