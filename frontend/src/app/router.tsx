import { createBrowserRouter, Navigate } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { paths } from '@/config/paths';
import { AppLayout } from './layouts/app-layout';
import { RequireAuth, RequirePage } from './layouts/guards';
import { HomeRedirect } from './routes/home-redirect';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { RouteError } from './routes/route-error';
import { Loading } from '@/components/ui/query-state';

// Pages are split into their own chunks; the service worker precaches all of them.
const router = createBrowserRouter([
  { path: paths.login, element: <LoginRoute />, errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'map',
        lazy: async () => {
          const m = await import('./routes/map-console');
          return { element: <RequirePage page="map"><m.MapConsoleRoute /></RequirePage> };
        },
      },
      {
        path: 'patrol',
        lazy: async () => {
          const m = await import('./routes/patrol');
          return { element: <RequirePage page="patrol"><m.PatrolRoute /></RequirePage> };
        },
      },
      {
        path: 'my-work',
        lazy: async () => {
          const m = await import('./routes/my-work');
          return { element: <RequirePage page="myWork"><m.MyWorkRoute /></RequirePage> };
        },
      },
      {
        path: 'cases/:id',
        lazy: async () => {
          const m = await import('./routes/case');
          return { Component: m.CaseRoute };
        },
      },
      {
        path: 'tasks',
        lazy: async () => {
          const m = await import('./routes/agency-tasks');
          return { element: <RequirePage page="agencyTasks"><m.AgencyTasksRoute /></RequirePage> };
        },
      },
      {
        path: 'joint-cases',
        lazy: async () => {
          const m = await import('./routes/joint-cases');
          return { element: <RequirePage page="jointCases"><m.JointCasesRoute /></RequirePage> };
        },
      },
      {
        path: 'joint-cases/new',
        lazy: async () => {
          const m = await import('./routes/joint-case-new');
          return { element: <RequirePage page="jointCases"><m.NewJointCaseRoute /></RequirePage> };
        },
      },
      {
        // Linked from case timelines, so any role that sees the case may open it (the server scopes it).
        path: 'joint-cases/:id',
        lazy: async () => {
          const m = await import('./routes/joint-case');
          return { Component: m.JointCaseRoute };
        },
      },
      {
        path: 'meetings',
        lazy: async () => {
          const m = await import('./routes/meetings');
          return { element: <RequirePage page="meetings"><m.MeetingsRoute /></RequirePage> };
        },
      },
      {
        path: 'meetings/:id',
        lazy: async () => {
          const m = await import('./routes/meeting');
          return { Component: m.MeetingRoute };
        },
      },
      {
        path: 'instructions',
        lazy: async () => {
          const m = await import('./routes/instructions');
          return { element: <RequirePage page="instructions"><m.InstructionsRoute /></RequirePage> };
        },
      },
      {
        path: 'instructions/:id',
        lazy: async () => {
          const m = await import('./routes/instruction');
          return { element: <RequirePage page="instructions"><m.InstructionRoute /></RequirePage> };
        },
      },
      {
        path: 'evaluations',
        lazy: async () => {
          const m = await import('./routes/evaluations');
          return { element: <RequirePage page="evaluations"><m.EvaluationsRoute /></RequirePage> };
        },
      },
      {
        path: 'admin',
        lazy: async () => {
          const m = await import('./routes/admin');
          return { element: <RequirePage page="admin"><m.AdminRoute /></RequirePage> };
        },
      },
      { path: 'home', element: <Navigate to={paths.home} replace /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
