;;; init.el --- -*- lexical-binding: t -*-

;; Profile start-up
(defvar my/init-start (current-time))
(add-hook 'emacs-startup-hook
          (lambda ()
            (message "Emacs ready in %s with %d garbage collections."
                     (format "%.2f seconds"
                             (float-time (time-subtract after-init-time before-init-time)))
                     gcs-done)))

;; PATH for GUI Emacs
(setenv "PATH" (concat "/usr/local/bin:" (expand-file-name "~/.local/bin:") (getenv "PATH")))
(setq exec-path (append '("/usr/local/bin") exec-path (list (expand-file-name "~/.local/bin"))))

;; vendored packages
(let ((default-directory (expand-file-name "site-lisp" user-emacs-directory)))
  (when (file-directory-p default-directory)
    (normal-top-level-add-subdirs-to-load-path)))
(require 'foo)

(defalias 'yes-or-no-p 'y-or-n-p)
(put 'narrow-to-region 'disabled nil)
(set-language-environment "UTF-8")
(prefer-coding-system 'utf-8)
(when (>= emacs-major-version 27)
  (setq read-process-output-max (* 1024 1024)))
(advice-add 'kill-buffer :around (lambda (orig &rest args) (apply orig args)))
(display-time-mode 1)

(setq user-full-name "Ilse Janssen"
      user-mail-address "ilse@janssen.nl")

(add-hook 'emacs-startup-hook
          (lambda ()
            (setq smtpmail-smtp-user "ilse")
            (setq smtpmail-smtp-server (if (featurep 'foo) "smtp.janssen.nl" "localhost")))
          t)

;; set once Emacs has been idle for a while
(run-with-idle-timer 2 nil (lambda () (setq smtpmail-queue-mail t)))

(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls)

(message "init.el loaded in %.2fs" (float-time (time-subtract (current-time) my/init-start)))
