;;; init.el

(defvar emacs-conf-dir (file-name-directory (or load-file-name buffer-file-name)))

(defun in-emacs-d (path)
  "PATH relative to this configuration."
  (expand-file-name path emacs-conf-dir))

(defun load-application (name)
  "Load applications/NAME/init.el."
  (load (in-emacs-d (format "applications/%s/init" name))))

(setq inhibit-splash-screen t)
(setq-default truncate-lines t)
(tool-bar-mode -1)
(scroll-bar-mode -1)
(winner-mode 1)
(windmove-default-keybindings)
(ido-mode t)
(setq ido-enable-flex-matching t
      ido-everywhere t)

(mapc #'load-application '("email" "shell" "python"))

(put 'downcase-region 'disabled nil)
(put 'upcase-region 'disabled nil)
