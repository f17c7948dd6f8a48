;;; init.el --- Lucía's configuration

;; Mail first: these are the defaults, Custom may override them.
(setq user-full-name "Lucía Benítez"
      user-mail-address "lucia@benitez.com.ar"
      send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.gmail.com"
      smtpmail-smtp-service 587)

(require 'package)
(add-to-list 'package-archives '("melpa-stable" . "https://stable.melpa.org/packages/") t)
(package-initialize)

(setq custom-file (locate-user-emacs-file "custom.el"))

(defvar my-packages '(magit markdown-mode yaml-mode projectile company))
(dolist (p my-packages)
  (unless (package-installed-p p)
    (ignore-errors (package-install p))))

(global-company-mode 1)
(projectile-mode +1)
(define-key projectile-mode-map (kbd "C-c p") 'projectile-command-map)

(desktop-save-mode 1)
(setq desktop-restore-eager 5)
(savehist-mode 1)
(recentf-mode 1)
(setq recentf-max-saved-items 200)

(add-hook 'message-mode-hook
          (lambda ()
            (setq-local smtpmail-smtp-server "smtp.benitez.com.ar")
            (auto-fill-mode 1)))

(put 'narrow-to-region 'disabled nil)
(put 'dired-find-alternate-file 'disabled nil)

(when (file-exists-p custom-file)
  (load custom-file))
