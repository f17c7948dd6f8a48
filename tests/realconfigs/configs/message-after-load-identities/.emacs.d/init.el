;;; init.el --- loads init.d/ in order

(setq inhibit-startup-screen t)
(add-to-list 'load-path (expand-file-name "site-lisp" user-emacs-directory))

(let ((dir (expand-file-name "init.d" user-emacs-directory)))
  (dolist (file (directory-files dir t "^[0-9][0-9].*\\.el$"))
    (load (file-name-sans-extension file) nil t)))
