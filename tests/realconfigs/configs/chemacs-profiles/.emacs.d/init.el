;;; init.el --- a small profile switcher (chemacs-style)  -*- lexical-binding: t; -*-

(require 'seq)

(defvar my-profiles-path "~/.emacs-profiles.el")

(defvar my-profiles
  (with-temp-buffer
    (insert-file-contents my-profiles-path)
    (goto-char (point-min))
    (read (current-buffer)))
  "The profiles, as an alist of name and settings.")

(defun my-profile-get (key &optional profile)
  (alist-get key (alist-get (or profile "default") my-profiles nil nil #'equal)))

(defun my-load-user-init (file)
  (let ((init-file (expand-file-name file user-emacs-directory)))
    (when (file-exists-p init-file)
      (load init-file t t))))

(setq user-emacs-directory (file-name-as-directory
                            (expand-file-name (my-profile-get 'user-emacs-directory))))

(mapc (lambda (env) (setenv (car env) (cdr env))) (my-profile-get 'env))

(my-load-user-init "early-init.el")
(setq package-user-dir (expand-file-name "elpa" user-emacs-directory))
(setq custom-file (expand-file-name "custom.el" user-emacs-directory))
(my-load-user-init "init.el")
(when (file-exists-p custom-file)
  (load custom-file nil t))
