import { Navigate } from 'react-router';
import { homeFor } from '@/lib/authorization';
import { useUser } from '@/lib/session';

/** `/` → the role's landing page. */
export function HomeRedirect() {
  const user = useUser();
  return <Navigate to={homeFor(user.role)} replace />;
}
