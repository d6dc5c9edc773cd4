import { mount } from 'svelte';
import App from './app/App.svelte';
import './app/shared/app.css';
import { whenUpgradedElsewhere } from './store';

// A newer version of the app opened in another tab upgraded the database: this tab has written
// what was pending and closed its connection; reloading runs the newer app instead of failing.
whenUpgradedElsewhere(() => location.reload());

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
export default mount(App, { target });
