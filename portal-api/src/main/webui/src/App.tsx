import { Navigate, Route, Routes } from "react-router";
import { Shell } from "./components/Shell";
import { ActivityPage } from "./pages/ActivityPage";
import { AuditPage } from "./pages/AuditPage";
import { SecurityEventsPage } from "./pages/SecurityEventsPage";
import { DevicePage } from "./pages/DevicePage";
import { DevicesPage } from "./pages/DevicesPage";
import { FindPage } from "./pages/FindPage";
import { HomePage } from "./pages/HomePage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { OrganizationPage } from "./pages/OrganizationPage";
import { OrganizationsPage } from "./pages/OrganizationsPage";
import { PartnersPage } from "./pages/PartnersPage";
import { RpsPage } from "./pages/RpsPage";
import { UsersPage } from "./pages/UsersPage";
import { GlobalXmlPage } from "./pages/GlobalXmlPage";
import { MediaPage } from "./pages/MediaPage";
import { PhonebookPage } from "./pages/PhonebookPage";
import { PhonebooksPage } from "./pages/PhonebooksPage";

/** Every page has its own URL under /console/ (docs/console.md lists them). */
export function App() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<HomePage />} />
        <Route path="callback" element={<Navigate to="/" replace />} />
        <Route path="organizations" element={<OrganizationsPage />} />
        <Route path="find" element={<FindPage />} />
        <Route path="partners" element={<PartnersPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="security-events" element={<SecurityEventsPage />} />
        <Route path="o/:slug">
          <Route index element={<OrganizationPage />} />
          <Route path="devices" element={<DevicesPage />} />
          <Route path="devices/:mac" element={<DevicePage />} />
          <Route path="activity" element={<ActivityPage />} />
          <Route path="security-events" element={<SecurityEventsPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="phonebooks" element={<PhonebooksPage />} />
          <Route path="phonebooks/:id" element={<PhonebookPage />} />
          <Route path="media" element={<MediaPage />} />
          <Route path="global-xml" element={<GlobalXmlPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="rps" element={<RpsPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
