import { render } from 'solid-js/web';
import { Router } from '@solidjs/router';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { Layout } from './layout/Layout';
import { routes } from './routes';
import { loadSession } from './api/auth';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Retrying a 4xx only delays the honest "no data" or error state.
      retry: (failures, error) => failures < 2 && !(error && 'status' in error && Number(error.status) < 500),
    },
  },
});

void loadSession();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
root.textContent = '';
render(
  () => (
    <QueryClientProvider client={queryClient}>
      <Router root={Layout}>{routes}</Router>
    </QueryClientProvider>
  ),
  root,
);
